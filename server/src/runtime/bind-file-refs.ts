import { bindAttachments } from '../domain/attachments/attachments.repository';
import type { FileRefValue } from '../forms';
import { isUuid, ValidationError } from '../kernel';
import type { Actor, FoldedWrite } from '../kernel';
import type { FoldableWrite } from './commit-step';
import type { TxClient } from './runtime-deps';

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  'image/jpeg': { zh: 'JPEG 图片', en: 'a JPEG image' },
  'image/png': { zh: 'PNG 图片', en: 'a PNG image' },
  'application/pdf': { zh: 'PDF 文件', en: 'a PDF' },
};
const typeName = (type: string, en: boolean) => TYPE_NAMES[type]?.[en ? 'en' : 'zh'] ?? type;

/** What the field says when a file of another type is named: "此处只能上传：JPEG 图片、PNG 图片；“证明.pdf”是 PDF 文件". */
function wrongTypeMessage(accept: string[], file: { name: string; contentType: string }, en: boolean): string {
  const allowed = accept.map((type) => typeName(type, en));
  return en
    ? `Only ${allowed.join(' or ')} is taken here; "${file.name}" is ${typeName(file.contentType, en)}`
    : `此处只能上传：${allowed.join('、')}；“${file.name}”是 ${typeName(file.contentType, en)}`;
}

/**
 * In the step's transaction: binds the submission's attachments to the case, refusing (400, by
 * field) any id that is not the submitter's own upload for this case or for no case yet, and any
 * file of a type its field does not take (a PDF in a photo field; the type is the one the upload
 * read from the file's bytes). So evidence cannot be invented, borrowed from a colleague, moved
 * from another household's case or put where another kind of file belongs.
 */
interface BindInput {
  refs: FileRefValue[]; instanceId: string; actor: Actor; locale?: 'zh-CN' | 'en'; pointerPrefix?: string;
}

export async function bindFileRefs(tx: TxClient, tenantId: string, input: BindInput): Promise<void> {
  const ids = [...new Set(input.refs.map((r) => r.id).filter(isUuid))];
  const userId = input.actor.userId;
  // The system and the public upload nothing, so they can name no attachment.
  const bound = userId ? await bindAttachments(tx, tenantId, { instanceId: input.instanceId, userId, ids }) : new Map<string, { name: string; contentType: string }>();
  const en = input.locale === 'en';
  const at = (ref: FileRefValue) => `${input.pointerPrefix ?? ''}${ref.pointer}`;
  const refused = input.refs.filter((r) => !bound.has(r.id));
  if (refused.length > 0) {
    const message = en ? 'Use only files you uploaded for this case; upload the file again' : '只能使用本人为本案件上传的文件，请重新上传';
    throw new ValidationError(en ? 'Some attachments cannot be used' : '附件无效', Object.fromEntries(refused.map((r) => [at(r), [message]])));
  }
  const wrongType = input.refs.filter((r) => r.accept && !r.accept.includes(bound.get(r.id)!.contentType));
  if (wrongType.length > 0) {
    throw new ValidationError(en ? 'Some files are not of the type their field takes' : '附件类型不符',
      Object.fromEntries(wrongType.map((r) => [at(r), [wrongTypeMessage(r.accept!, bound.get(r.id)!, en)]])));
  }
}

/**
 * The binding as a part of the step's own statement: it updates only attachments the submitter
 * uploaded for this case or for no case yet, of a type their field takes, and refuses the whole
 * statement (nothing written) unless it bound every id named. Undefined when it cannot fold: an id
 * that is no UUID, or a submitter who uploads nothing (the system, the public); the step's
 * transaction then refuses.
 */
export function foldBindFileRefs(tenantId: string, input: BindInput): FoldedWrite | undefined {
  const userId = input.actor.userId;
  if (!userId || input.refs.some((r) => !isUuid(r.id))) return undefined;
  // Per id, the types every field naming it takes (comma-separated), or null for any type.
  const accepts = new Map<string, string[] | undefined>();
  for (const ref of input.refs) {
    const before = accepts.get(ref.id);
    if (before === undefined) accepts.set(ref.id, ref.accept);
    else if (ref.accept) accepts.set(ref.id, before.filter((type) => ref.accept!.includes(type)));
  }
  const ids = [...accepts.keys()];
  return {
    tables: ['attachments'],
    parts: [{
      shape: 'attachments.bind',
      // Found by their ids; the rest is checked on the rows found (see `bindAttachments`).
      sql: `UPDATE attachments a SET instance_id = $1::uuid FROM u
  WHERE a.id = ANY($3::uuid[]) AND (a.tenant_id = $2::text AND a.uploaded_by = $4::uuid AND (a.instance_id IS NULL OR a.instance_id = $1::uuid)
    AND (($5::text[])[array_position($3::uuid[], a.id)] IS NULL OR a.content_type = ANY(string_to_array(($5::text[])[array_position($3::uuid[], a.id)], ',')))) IS TRUE
  RETURNING a.id`,
      values: [input.instanceId, tenantId, ids, userId, ids.map((id) => accepts.get(id)?.join(',') ?? null)],
      holds: `(SELECT count(*) FROM {0}) = cardinality($3::uuid[])`,
    }],
  };
}

/**
 * Binding a submission's attachments to its case as a use case hands it to `commitStep`: folded
 * into the step's statement, or in the step's transaction, which gives the field messages.
 */
export function bindingOf(tenantId: string, input: BindInput): FoldableWrite {
  return { fold: foldBindFileRefs(tenantId, input), write: (client) => bindFileRefs(client, tenantId, input) };
}
