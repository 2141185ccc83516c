import { bindAttachments } from '../domain/attachments/attachments.repository';
import { collectFileRefs, findFileRefFields } from '../forms';
import type { FileRefValue } from '../forms';
import { isUuid, ValidationError } from '../kernel';
import type { Actor } from '../kernel';
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
export async function bindFileRefs(tx: TxClient, tenantId: string, input: {
  refs: FileRefValue[]; instanceId: string; actor: Actor; locale?: 'zh-CN' | 'en'; pointerPrefix?: string;
}): Promise<void> {
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
