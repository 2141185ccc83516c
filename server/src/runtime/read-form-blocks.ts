import type { FormBlocksView } from '../contract';
import { findPinnedForms } from '../domain/definitions/definition-versions.repository';
import { findNewestFormBlocks, listEditableForms, listPinningDefinitions } from '../domain/definitions/form-blocks.repository';
import { exampleOfBlock, sharedBlocksUsedBy } from '../forms/shared-blocks';
import type { SqlClient } from '../store/sql-client';

/** What reading the shared blocks takes: the tenant and the blocks as shipped (`schemas/_defs.json`), version 0. */
export interface FormBlocksDeps {
  tenantId: string;
  shippedBlocks: () => Record<string, unknown>;
}

/** The newest version of the shared blocks: the stored one, else the shipped `_defs.json` as version 0. */
export async function currentFormBlocks(db: SqlClient, deps: FormBlocksDeps): Promise<{ version: number; defs: Record<string, unknown> }> {
  const stored = await findNewestFormBlocks(db, deps.tenantId);
  return stored ? { version: stored.version, defs: stored.defs } : { version: 0, defs: deps.shippedBlocks() };
}

/**
 * The shared blocks with who uses them: every form (the version an editor works on) and every
 * definition version cases run on, with the blocks each carries, so the builder can name them all
 * before a block changes.
 */
export async function readFormBlocks(db: SqlClient, deps: FormBlocksDeps): Promise<FormBlocksView> {
  const [current, editable, definitions] = await Promise.all([currentFormBlocks(db, deps), listEditableForms(db, deps.tenantId), listPinningDefinitions(db, deps.tenantId)]);
  const names = Object.keys(current.defs);
  const forms = editable
    .map((form) => ({ key: form.key, version: form.version, status: form.status, title: form.title, schema: form.schema, blocks: sharedBlocksUsedBy(form.schema, names) }))
    .filter((form) => form.blocks.length > 0);
  const pins = new Map<string, readonly [string, number]>();
  for (const d of definitions) for (const [key, version] of Object.entries(d.formVersions)) pins.set(`${key}@${version}`, [key, version]);
  const pinned = new Map((await findPinnedForms(db, deps.tenantId, [...pins.values()])).map((f) => [`${f.key}@${f.version}`, sharedBlocksUsedBy(f.schema, names)]));
  // Each block's preview opens filled as the first form example that uses it fills it.
  const examples: Record<string, unknown> = {};
  for (const form of forms) {
    const example = Array.isArray(form.schema.examples) ? form.schema.examples[0] : undefined;
    if (example === undefined) continue;
    for (const name of form.blocks) {
      if (name in examples) continue;
      const value = exampleOfBlock(form.schema, example, name, current.defs[name]);
      if (value !== undefined) examples[name] = value;
    }
  }
  return {
    version: current.version,
    defs: current.defs,
    examples,
    forms: forms.map(({ schema: _schema, ...form }) => form),
    definitions: definitions.map((d) => ({
      key: d.key, version: d.version, status: d.status, title: d.title, running: d.running,
      forms: Object.entries(d.formVersions).map(([key, version]) => ({ key, version, blocks: pinned.get(`${key}@${version}`) ?? [] })).filter((f) => f.blocks.length > 0),
    })).filter((d) => d.forms.length > 0),
  };
}
