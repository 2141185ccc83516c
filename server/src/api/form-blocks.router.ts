import { Router } from 'express';
import { join } from 'node:path';
import type { SaveFormBlocks } from '../contract';
import { readSharedDefs } from '../forms/load-forms';
import { ValidationError } from '../kernel';
import { readFormBlocks } from '../runtime/read-form-blocks';
import { saveFormBlocks } from '../runtime/save-form-blocks';
import { requireRole } from './admin-access';
import { auditActor } from './audit';
import type { ApiContext } from './api-context';
import type { JsonSchema } from './request-validator';

const label: JsonSchema = { type: 'object', required: ['zh'], properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const formKey: JsonSchema = { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' };
const blockNames: JsonSchema = { type: 'array', items: { type: 'string' } };

const saveBody: JsonSchema = {
  type: 'object', additionalProperties: false, required: ['defs', 'forms'],
  properties: {
    defs: { type: 'object', maxProperties: 500, description: 'every shared block by name (what schemas/_defs.json holds as $defs)' },
    forms: { type: 'array', maxItems: 1000, uniqueItems: true, items: formKey, description: 'the form keys the admin confirmed: every form the change reaches' },
  },
};

const blocksAnswer: JsonSchema = {
  type: 'object', required: ['version', 'defs', 'examples', 'forms', 'definitions'],
  properties: {
    version: { type: 'integer', description: '0: the blocks as shipped in schemas/_defs.json' },
    defs: { type: 'object' },
    examples: { type: 'object', description: 'per block, a value from the first form example that uses it, for a preview of the block filled in' },
    forms: {
      type: 'array', description: 'forms using shared blocks (their draft, else their newest published version)',
      items: { type: 'object', required: ['key', 'version', 'status', 'title', 'blocks'], properties: { key: { type: 'string' }, version: { type: 'integer' }, status: { type: 'string' }, title: label, blocks: blockNames } },
    },
    definitions: {
      type: 'array', description: 'definition versions cases run on whose pinned forms carry shared blocks',
      items: {
        type: 'object', required: ['key', 'version', 'status', 'title', 'running', 'forms'],
        properties: {
          key: { type: 'string' }, version: { type: 'integer' }, status: { type: 'string' }, title: label, running: { type: 'integer' },
          forms: { type: 'array', items: { type: 'object', required: ['key', 'version', 'blocks'], properties: { key: { type: 'string' }, version: { type: 'integer' }, blocks: blockNames } } },
        },
      },
    },
  },
};

const savedAnswer: JsonSchema = {
  type: 'object', required: ['version', 'changed', 'removed', 'forms'],
  properties: {
    version: { type: 'integer' }, changed: blockNames, removed: blockNames,
    forms: { type: 'array', description: 'the form drafts written', items: { type: 'object', required: ['key', 'version', 'title'], properties: { key: { type: 'string' }, version: { type: 'integer' }, title: label } } },
  },
};

/** `If-Match: "3"` (or `W/"3"`, or `3`) as a version number; null when absent or not one. */
function versionIn(header: string | undefined): number | null {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * The shared blocks of the forms (admin): `GET /api/form-blocks` answers them with the forms and
 * definition versions using each (ETag: the version); `PUT /api/form-blocks` saves a change with
 * `If-Match` and the forms the admin confirmed (runtime/save-form-blocks.ts says what it writes).
 */
export function createFormBlocksRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;
  let shipped: Record<string, unknown> | undefined;
  const deps = {
    tenantId: ctx.tenantId,
    shippedBlocks: () => (shipped ??= readSharedDefs(join(ctx.services.config.rootDir, 'schemas'))),
  };

  ctx.routes.add(router, {
    method: 'get', path: '/form-blocks', tag: 'admin', access: 'session',
    summary: 'Admin: the shared blocks of the forms (schemas/_defs.json) at their newest version, with the forms and definition versions using each',
    responses: { 200: { description: 'the blocks and who uses them', schema: blocksAnswer } },
  }, async ({ req, res }) => {
    requireRole(req);
    const view = await readFormBlocks(db.pool, deps);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  });

  ctx.routes.add<SaveFormBlocks>(router, {
    method: 'put', path: '/form-blocks', tag: 'admin', access: 'session',
    summary: 'Admin: saves a change of the shared blocks (If-Match: the version edited) and writes a new draft of every form it reaches; published versions stay as they are',
    body: saveBody,
    responses: { 200: { description: 'the new version and the form drafts written', schema: savedAnswer } },
  }, async ({ req, res, body }) => {
    const { user } = requireRole(req);
    const expected = versionIn(req.get('if-match'));
    if (expected === null) throw new ValidationError('缺少 If-Match', { '/headers/if-match': ['请在 If-Match 中给出所修改的共享模块版本号（GET /api/form-blocks 的 ETag）'] });
    const saved = await saveFormBlocks({ db, ids: ctx.services.ids, clock: ctx.services.clock, ...deps }, {
      actor: auditActor(user), defs: body.defs, expectedVersion: expected, confirmedForms: body.forms,
    });
    res.setHeader('ETag', `"${saved.version}"`);
    return saved;
  });
  return router;
}
