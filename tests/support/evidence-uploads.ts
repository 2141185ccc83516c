import { join } from 'node:path';
import { evidenceFileFor, withUploadedEvidence } from '../../server/src/demo-evidence';
import { replaceExampleFileRefs } from '../../server/src/forms';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import type { Actor } from '../../server/src/kernel';
import type { Services } from '../../server/src/services';
import { multipartBody } from './evidence-files';
import { REPO_ROOT } from './test-services';

let schemas: Map<string, unknown> | undefined;

/** A form's schema from schemas/, by form key. */
export function formSchemaOf(formKey: string): unknown {
  schemas ??= new Map(loadFormsFromDir(join(REPO_ROOT, 'schemas')).map((f) => [f.key, f.schema]));
  const schema = schemas.get(formKey);
  if (schema === undefined) throw new Error(`No form ${formKey} under schemas/`);
  return schema;
}

/** A logged-in API caller (the API harness's client, or any with the same `request`). */
export interface UploadingClient {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
}

/** Who uploads, and how: in-process through the upload use case, or over HTTP as the browser does. */
export type EvidenceUploader =
  | { services: Pick<Services, 'db' | 'config' | 'ids' | 'clock' | 'blobs'>; actor: Actor; instanceId?: string }
  | { client: UploadingClient; instanceId?: string };

/**
 * The form's data with every example placeholder of its file fields replaced by a small
 * generated file (PNG for photos, PDF for documents) that the acting user uploads for the case
 * first: over HTTP (`POST /api/attachments`) for HTTP drivers, through the runtime's upload use
 * case for in-process ones. Real attachment ids in `data` are kept, so a test can still submit
 * one that is not the user's own.
 */
export function uploadEvidence<T>(formKey: string, data: T, via: EvidenceUploader): Promise<T> {
  const schema = formSchemaOf(formKey);
  if ('services' in via) {
    const { services } = via;
    return withUploadedEvidence({ db: services.db, tenantId: services.config.tenantId, ids: services.ids, clock: services.clock, blobs: services.blobs },
      { schema, data, actor: via.actor, instanceId: via.instanceId });
  }
  return replaceExampleFileRefs(schema, data, async ({ field }) => {
    const file = await evidenceFileFor(field);
    const { body, contentType } = multipartBody({ name: file.name, content: file.content, type: file.type }, via.instanceId ? { instanceId: via.instanceId } : {});
    const answer = await via.client.request('POST', '/api/attachments', body, { 'content-type': contentType });
    if (answer.status !== 201) throw new Error(`uploading ${file.name} for ${formKey} answered ${answer.status}: ${answer.text}`);
    return (answer.body as { id: string }).id;
  });
}
