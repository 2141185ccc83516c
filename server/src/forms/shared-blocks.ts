import { checkFormSchema } from './check-form-schema';
import { inlineSharedDefs } from './inline-shared-defs';
import { walkAlongSchema } from './walk-along-schema';

/**
 * The shared blocks of the forms (`schemas/_defs.json`'s `$defs`) as stored forms carry them:
 * which blocks a stored form uses, a stored form with its blocks replaced by a new version, and
 * the check of a block on its own. Pure: no I/O.
 */

type Schema = Record<string, unknown>;
const DEFS = '#/$defs/';
const isObject = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

function refsIn(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) for (const child of node) refsIn(child, found);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS)) found.add(value.slice(DEFS.length).split('/')[0]);
      else if (key !== 'examples' && key !== '$defs') refsIn(value, found);
    }
  }
}

/**
 * The shared blocks a stored form uses, directly or through other blocks, in the order of
 * `sharedNames`: references are followed from the form's fields through the form's own copies
 * in `$defs` (a copy the form no longer refers to does not count).
 * @example sharedBlocksUsedBy(storedApplication.schema, Object.keys(defs)) // ['idNumber', …, 'household', 'member']
 */
export function sharedBlocksUsedBy(schema: Schema, sharedNames: readonly string[]): string[] {
  const own = isObject(schema.$defs) ? schema.$defs : {};
  const used = new Set<string>();
  const queue = new Set<string>();
  refsIn(schema, queue);
  while (queue.size > 0) {
    const [name] = queue;
    queue.delete(name);
    if (used.has(name)) continue;
    used.add(name);
    const next = new Set<string>();
    refsIn(own[name], next);
    for (const n of next) if (!used.has(n)) queue.add(n);
  }
  return sharedNames.filter((name) => used.has(name));
}

/**
 * A stored form with the shared blocks it uses copied from `defs` (a new version of the blocks):
 * its own definitions stay, the shared copies are replaced, those it no longer needs dropped.
 * `sharedNames` are every name the old and the new blocks define. Key order is kept.
 */
export function withSharedBlocks(schema: Schema, defs: Schema, sharedNames: readonly string[], formKey: string): Schema {
  const shared = new Set(sharedNames);
  const own = isObject(schema.$defs) ? Object.fromEntries(Object.entries(schema.$defs).filter(([name]) => !shared.has(name))) : undefined;
  const base: Schema = { ...schema };
  if (own) base.$defs = own;
  const next = inlineSharedDefs(base, defs, formKey);
  if (isObject(next.$defs) && Object.keys(next.$defs).length === 0) {
    const { $defs: _empty, ...rest } = next;
    return rest;
  }
  return next;
}

/** A problem of a block, in Chinese, at `/defs/<name>…`. */
export interface BlockProblem {
  at: string;
  message: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Checks blocks as the builder saves them: a name the references can use, an object, and valid
 * against the JSON Schema 2020-12 meta-schema with the project's keywords and formats (the strict
 * check forms get, with the other blocks beside it). Empty when all is well.
 */
export function checkSharedBlocks(defs: Schema, names: readonly string[]): BlockProblem[] {
  const problems: BlockProblem[] = [];
  for (const name of names) {
    const at = `/defs/${name}`;
    const block = defs[name];
    const title = isObject(block) && typeof block.title === 'string' ? `「${block.title}」（${name}）` : ` ${name} `;
    if (!NAME.test(name)) {
      problems.push({ at, message: `共享模块名称 ${name} 不可用：只能用英文字母开头，后跟字母、数字或下划线` });
      continue;
    }
    if (!isObject(block)) {
      problems.push({ at, message: `共享模块${title}必须是一个 JSON Schema 对象` });
      continue;
    }
    for (const problem of checkFormSchema({ $defs: defs, $ref: `${DEFS}${name}` })) {
      problems.push({ at, message: `共享模块${title}不是有效的表单结构（JSON Schema 2020-12 与本系统的关键字）：${problem.message}` });
    }
  }
  return problems;
}

/** Per block name, the walk's target: a schema node that refers to the block. Kept, so the walk's per-form reach stays cached. */
const blockTargets = new Map<string, (node: Schema) => boolean>();

/**
 * The first value `data` holds where the form `schema` uses the shared block `name` (a field, a
 * list's row, or a section extending it), for a preview of the block filled as the form's example
 * fills it: an object block keeps only its own properties. Undefined when the data has none.
 * @example exampleOfBlock(application.schema, application.schema.examples[0], 'member', defs.member) // the first 家庭成员
 */
export function exampleOfBlock(schema: Schema, data: unknown, name: string, block: unknown): unknown {
  let target = blockTargets.get(name);
  if (!target) blockTargets.set(name, (target = (node) => node.$ref === `${DEFS}${name}`));
  let found: unknown;
  walkAlongSchema(schema, data, target, (_branches, value) => { found ??= value; });
  const own = isObject(block) && isObject(block.properties) ? Object.keys(block.properties) : undefined;
  return own && isObject(found) ? Object.fromEntries(Object.entries(found).filter(([key]) => own.includes(key))) : found;
}
