import { audit, versionOf, withKeyLock } from '../domain/definitions/definition-drafts';
import type { Locale } from '../domain/definitions/definition-drafts';
import { findVersions, loadFormIndex, lockFormKey, publishDraftVersion } from '../domain/definitions/definition-versions.repository';
import { formsUsedBy, pinForms } from '../domain/definitions/form-pins';
import type { FormIndex } from '../domain/definitions/form-pins';
import { ConflictError } from '../kernel';
import type { AuditActor } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';

/** A published version as the publish answer shows it. */
export interface PublishedVersion {
  key: string;
  version: number;
  status: 'published';
  publishedAt: string;
  formVersions: Record<string, number>;
}

/** What publishing a draft takes; `lint` checks the document against the forms as they are under the lock. */
export interface PublishDefinitionInput<L extends { ok: boolean }> {
  actor: AuditActor;
  key: string;
  version: number;
  lint: (document: unknown, index: FormIndex) => L;
  locale: Locale;
}

/**
 * Publishes a draft and the draft forms it pins, retiring the published version, with its audit
 * row, in one transaction holding the locks of the definition key and of those forms, when the
 * lint passes; otherwise nothing changes and the lint is answered. 409 when the version is not a
 * draft. Running instances stay on the version they started with.
 */
export async function publishDefinition<L extends { ok: boolean }>(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: PublishDefinitionInput<L>,
): Promise<{ lint: L; published?: undefined } | { lint?: undefined; published: PublishedVersion }> {
  const { key, version: v, locale } = input;
  return withKeyLock(deps, key, async (client) => {
    const rows = await findVersions(client, deps.tenantId, key, true);
    const row = versionOf(rows, key, v);
    if (row.status !== 'draft') {
      throw new ConflictError(locale === 'en' ? `Version ${v} of ${key} is ${row.status}, not a draft` : `${key} 第 ${v} 版不是草稿（${row.status}）`);
    }
    // The form drafts it would publish may not change meanwhile.
    for (const formKey of formsUsedBy(row.document)) await lockFormKey(client, deps.tenantId, formKey);
    const index = await loadFormIndex(client, deps.tenantId);
    const checked = input.lint(row.document, index);
    if (!checked.ok) return { lint: checked };
    const formVersions = pinForms(row.document, index);
    const now = deps.clock.now();
    const draftForms = Object.entries(formVersions).filter(([formKey, fv]) => index.drafts.get(formKey)?.version === fv);
    const retired = rows.filter((r) => r.status === 'published').map((r) => r.version);
    await publishDraftVersion(client, deps.tenantId, { id: row.id, key }, now, formVersions, draftForms);
    await audit(client, deps, input.actor, 'definition.publish', `${key}@${v}`, { key, version: v, retired, formsPublished: Object.fromEntries(draftForms) });
    return { published: { key, version: v, status: 'published', publishedAt: now.toISOString(), formVersions } };
  });
}
