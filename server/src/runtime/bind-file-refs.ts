import { bindAttachments } from '../domain/attachments/attachments.repository';
import { collectFileRefs, findFileRefFields } from '../forms';
import type { FileRefValue } from '../forms';
import { isUuid, ValidationError } from '../kernel';
import type { Actor, FoldedWrite } from '../kernel';
import type { FoldableWrite } from './commit-step';
import type { TxClient } from './runtime-deps';

const fieldsBySchema = new WeakMap<object, Set<string>>();

/** The attachment ids a submission names, by the form's `file-ref` fields (pointers as the form's). */
export function fileRefsIn(schema: Record<string, unknown>, data: unknown): FileRefValue[] {
  let fields = fieldsBySchema.get(schema);
  if (!fields) fieldsBySchema.set(schema, (fields = findFileRefFields(schema)));
  return collectFileRefs(fields, data);
}

/**
 * In the step's transaction: binds the submission's attachments to the case, refusing (400, by
 * field) any id that is not the submitter's own upload for this case or for no case yet. So
 * evidence cannot be invented, borrowed from a colleague or moved from another household's case.
 */
interface BindInput {
  refs: FileRefValue[]; instanceId: string; actor: Actor; locale?: 'zh-CN' | 'en'; pointerPrefix?: string;
}

export async function bindFileRefs(tx: TxClient, tenantId: string, input: BindInput): Promise<void> {
  const ids = [...new Set(input.refs.map((r) => r.id).filter(isUuid))];
  const userId = input.actor.userId;
  // The system and the public upload nothing, so they can name no attachment.
  const bound = userId ? await bindAttachments(tx, tenantId, { instanceId: input.instanceId, userId, ids }) : new Set<string>();
  const refused = input.refs.filter((r) => !bound.has(r.id));
  if (refused.length === 0) return;
  const en = input.locale === 'en';
  const message = en ? 'Use only files you uploaded for this case; upload the file again' : '只能使用本人为本案件上传的文件，请重新上传';
  throw new ValidationError(en ? 'Some attachments cannot be used' : '附件无效',
    Object.fromEntries(refused.map((r) => [`${input.pointerPrefix ?? ''}${r.pointer}`, [message]])));
}

/**
 * The binding as a part of the step's own statement: it updates only attachments the submitter
 * uploaded for this case or for no case yet, and refuses the whole statement (nothing written)
 * unless it bound every id named. Undefined when it cannot fold: an id that is no UUID, or a
 * submitter who uploads nothing (the system, the public); the step's transaction then refuses.
 */
export function foldBindFileRefs(tenantId: string, input: BindInput): FoldedWrite | undefined {
  const userId = input.actor.userId;
  if (!userId || input.refs.some((r) => !isUuid(r.id))) return undefined;
  const ids = [...new Set(input.refs.map((r) => r.id))];
  return {
    tables: ['attachments'],
    parts: [{
      shape: 'attachments.bind',
      sql: `UPDATE attachments a SET instance_id = $1::uuid FROM u
  WHERE a.tenant_id = $2::text AND a.id = ANY($3::uuid[]) AND a.uploaded_by = $4::uuid AND (a.instance_id IS NULL OR a.instance_id = $1::uuid)
  RETURNING a.id`,
      values: [input.instanceId, tenantId, ids, userId],
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
