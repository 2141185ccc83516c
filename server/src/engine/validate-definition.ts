import { BUILTIN_GUARDS, DATA_ACTIONS, EFFECT_ACTIONS } from './builtins';
import type { ActionRefJson, DefinitionDocument, StateConfigJson, TaskSpec, TransitionJson, TransitionsJson } from './definition';
import { ROLES } from './definition';
import type { DefinitionIssue } from './definition-error';
import { parseDelay } from '../kernel';
import { outcomeCheckIssues } from './outcome-checks';
import { validateHelpCardSpec } from './help-card-spec';
import { validatePrefillSpec } from './prefill';
import { validateSubjectSpec } from './subject';
import { findExpressionIssues } from '../expressions';

/** What the loader learnt while checking: every state by path, and the task states. */
export interface DefinitionOutline {
  statePaths: Set<string>;
  tasks: Map<string, TaskSpec>;
  delays: Set<string>;
}

const STATE_KEYS = new Set(['type', 'initial', 'states', 'on', 'after', 'always', 'entry', 'exit', 'meta', 'description', 'tags', 'history', 'target', 'id', 'output']);
const TRANSITION_KEYS = new Set(['target', 'guard', 'actions', 'reenter', 'description', 'meta']);
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SCOPES = new Set(['village', 'town', 'county', 'instance']);

interface Node {
  path: string[];
  config: StateConfigJson;
  parent?: Node;
}

function closest(word: string, options: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    return d[a.length][b.length];
  };
  const best = options.map((o) => [o, distance(word.toLowerCase(), o.toLowerCase())] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(word.length / 3)) ? best[0] : undefined;
}

export function normaliseTransitions(value: TransitionsJson | undefined): TransitionJson[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((t) => (typeof t === 'string' ? { target: t } : t));
}

export function actionList(value: ActionRefJson | ActionRefJson[] | undefined): ActionRefJson[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Checks a definition document: structure, targets, guards, actions, delays and task metadata.
 * Returns the outline and every issue found; the loader refuses the definition when any exist.
 */
export function validateDefinition(doc: DefinitionDocument, knownForms?: ReadonlySet<string>): { outline: DefinitionOutline; issues: DefinitionIssue[] } {
  const issues: DefinitionIssue[] = [];
  const outline: DefinitionOutline = { statePaths: new Set(), tasks: new Map(), delays: new Set() };
  const add = (path: string, message: string) => issues.push({ path, message });

  if (typeof doc?.key !== 'string' || !/^[a-z][a-z0-9-]*$/.test(doc.key)) add('key', 'must be kebab-case, e.g. "household-identification"');
  if (!doc?.title || typeof doc.title.zh !== 'string') add('title', 'needs a Chinese title: { "zh": "…", "en": "…" }');
  if (doc?.startForm !== undefined) {
    if (typeof doc.startForm !== 'string' || !doc.startForm) add('startForm', 'must be the key of a form');
    else if (knownForms && !knownForms.has(doc.startForm)) add('startForm', `form "${doc.startForm}" does not exist`);
  }
  issues.push(...validateSubjectSpec(doc?.meta?.subject));
  const machine = doc?.machine;
  if (!machine || typeof machine !== 'object' || typeof machine.id !== 'string') {
    add('machine', 'needs an XState machine config with an "id"');
    return { outline, issues };
  }

  const root: Node = { path: [], config: machine as StateConfigJson };
  const byId = new Map<string, Node>();
  const all: Node[] = [];
  const taskKeys = new Map<string, string>();
  const walk = (node: Node) => {
    all.push(node);
    const where = node.path.length ? node.path.join('.') : '(root)';
    outline.statePaths.add(node.path.join('.'));
    byId.set(`${machine.id}${node.path.length ? '.' : ''}${node.path.join('.')}`, node);
    if (typeof node.config.id === 'string') byId.set(node.config.id, node);
    if (node.path.length) {
      for (const key of Object.keys(node.config)) if (!STATE_KEYS.has(key)) add(where, `unsupported key "${key}" (allowed: ${[...STATE_KEYS].join(', ')})`);
    }
    const children = node.config.states ?? {};
    const childNames = Object.keys(children);
    const type = node.config.type ?? (childNames.length ? 'compound' : 'atomic');
    if (type === 'compound' && childNames.length) {
      if (!node.config.initial) add(where, 'a compound state needs "initial"');
      else if (!children[node.config.initial]) {
        const hint = closest(node.config.initial, childNames);
        add(where, `initial state "${node.config.initial}" does not exist${hint ? `; did you mean "${hint}"?` : ''}`);
      }
    }
    for (const name of childNames) {
      if (!NAME.test(name)) add(`${where}.${name}`, 'state names are identifiers (letters, digits, _)');
      walk({ path: [...node.path, name], config: children[name] ?? {}, parent: node });
    }
  };
  walk(root);

  const resolveTarget = (source: Node, target: string): Node | undefined => {
    if (target.startsWith('#')) {
      const [id, ...rest] = target.slice(1).split('.');
      // `#machine.a.b` is a full id; `#custom.child` is a custom id followed by a path
      const full = byId.get(target.slice(1));
      if (full) return full;
      let node = byId.get(id);
      for (const seg of rest) node = node?.config.states?.[seg] ? { path: [...node.path, seg], config: node.config.states[seg], parent: node } : undefined;
      return node;
    }
    const base = target.startsWith('.') ? source : (source.parent ?? source);
    let node: Node | undefined = base;
    for (const seg of target.replace(/^\./, '').split('.')) {
      const child: StateConfigJson | undefined = node?.config.states?.[seg];
      node = child ? { path: [...node!.path, seg], config: child, parent: node } : undefined;
    }
    return node;
  };

  const checkActions = (where: string, actions: ActionRefJson[]) => {
    for (const action of actions) {
      if (typeof action !== 'object' || action === null || typeof action.type !== 'string') {
        add(where, `an action is { "type": <name>, "params": {…} }, found ${JSON.stringify(action)}`);
      } else if (action.type in DATA_ACTIONS) {
        for (const issue of DATA_ACTIONS[action.type as keyof typeof DATA_ACTIONS].validate(action.params)) add(where, `action "${action.type}" ${issue.path}: ${issue.message}`);
      } else if (!(EFFECT_ACTIONS as readonly string[]).includes(action.type)) {
        const names = [...Object.keys(DATA_ACTIONS), ...EFFECT_ACTIONS];
        const hint = closest(action.type, names);
        add(where, `unknown action "${action.type}"${hint ? `; did you mean "${hint}"?` : ''} (known: ${names.join(', ')})`);
      }
    }
  };

  const checkTransitions = (node: Node, label: string, value: TransitionsJson | undefined) => {
    const where = `${node.path.join('.') || '(root)'} ${label}`;
    for (const t of normaliseTransitions(value)) {
      if (typeof t !== 'object' || t === null) { add(where, 'a transition is a target string or an object'); continue; }
      for (const key of Object.keys(t)) if (!TRANSITION_KEYS.has(key)) add(where, `unsupported transition key "${key}"`);
      const targets = t.target === undefined ? [] : Array.isArray(t.target) ? t.target : [t.target];
      for (const target of targets) {
        if (typeof target !== 'string' || !resolveTarget(node, target)) {
          const siblings = Object.keys((node.parent ?? node).config.states ?? {});
          const hint = typeof target === 'string' ? closest(target.replace(/^[.#]/, ''), siblings) : undefined;
          add(where, `unknown target "${String(target)}"${hint ? `; did you mean "${hint}"?` : ''}`);
        }
      }
      if (t.guard !== undefined) {
        const guard = t.guard;
        if (typeof guard !== 'object' || guard === null || typeof guard.type !== 'string') add(where, 'a guard is { "type": "expr", "params": { "if": <JsonLogic> } }');
        else if (!BUILTIN_GUARDS[guard.type]) {
          const hint = closest(guard.type, Object.keys(BUILTIN_GUARDS));
          add(where, `unknown guard "${guard.type}"${hint ? `; did you mean "${hint}"?` : ''} (known: ${Object.keys(BUILTIN_GUARDS).join(', ')})`);
        } else for (const issue of BUILTIN_GUARDS[guard.type].validate(guard.params)) add(where, `guard "${guard.type}" ${issue.path}: ${issue.message}`);
      }
      checkActions(where, actionList(t.actions));
    }
  };

  for (const node of all) {
    const where = node.path.join('.') || '(root)';
    const c = node.config;
    for (const [event, value] of Object.entries(c.on ?? {})) {
      if (event.startsWith('xstate.') || event.startsWith('jz.')) add(where, `event "${event}" is reserved`);
      checkTransitions(node, `on ${event}`, value);
    }
    for (const [delay, value] of Object.entries(c.after ?? {})) {
      if (!parseDelay(delay) && !/^\$[A-Za-z]\w*$/.test(delay)) add(where, `delay "${delay}" does not parse: use an ISO 8601 duration such as "P7D", "PT48H", "P2M" or "P5D@workdays", or "$name" for a duration from the county's configuration`);
      else outline.delays.add(delay);
      checkTransitions(node, `after ${delay}`, value);
    }
    checkTransitions(node, 'always', c.always);
    checkActions(`${where} entry`, actionList(c.entry));
    checkActions(`${where} exit`, actionList(c.exit));
    const task = c.meta?.task;
    if (task !== undefined) checkTask(where, node, task);
    const end = c.meta?.end as unknown;
    if (end !== undefined) {
      const title = (end as { title?: unknown } | null)?.title;
      if (c.type !== 'final') add(`${where} meta.end`, 'names how a case ended: it belongs on a final state');
      if (typeof title !== 'string' && !(typeof (title as { zh?: unknown } | null)?.zh === 'string')) add(`${where} meta.end.title`, 'must be a text or { "zh": …, "en": … }');
      const refused = (end as { refused?: unknown } | null)?.refused;
      if (refused !== undefined && typeof refused !== 'boolean') add(`${where} meta.end.refused`, 'must be true or false');
    }
    const timerUntil = (c.meta as { timerUntil?: unknown } | undefined)?.timerUntil;
    if (timerUntil !== undefined) {
      if (!c.after) add(`${where} meta.timerUntil`, 'is only meaningful on a state with "after" delays');
      for (const issue of findExpressionIssues(timerUntil, '')) add(`${where} meta.timerUntil`, issue.message);
    }
    const timerFrom = (c.meta as { timerFrom?: unknown } | undefined)?.timerFrom;
    if (timerFrom !== undefined) {
      if (!c.after) add(`${where} meta.timerFrom`, 'is only meaningful on a state with "after" delays');
      for (const issue of findExpressionIssues(timerFrom, '')) add(`${where} meta.timerFrom`, issue.message);
    }
  }

  function checkTask(where: string, node: Node, task: TaskSpec) {
    const at = `${where} meta.task`;
    if (node.config.states && Object.keys(node.config.states).length) add(at, 'a task belongs on an atomic state');
    const key = node.path[node.path.length - 1];
    if (taskKeys.has(key)) add(at, `task state name "${key}" is also used at ${taskKeys.get(key)}; task state names must be unique because step data is kept under them`);
    taskKeys.set(key, where);
    if (typeof task.form !== 'string' || !task.form) add(at, 'needs "form", the key of the form the task fills');
    else if (knownForms && !knownForms.has(task.form)) add(at, `form "${task.form}" does not exist`);
    if (!Array.isArray(task.roles) || task.roles.length === 0) add(at, `needs "roles", e.g. ["village_clerk"]; known: ${ROLES.join(', ')}`);
    else for (const role of task.roles) if (!(ROLES as readonly string[]).includes(role)) add(at, `unknown role "${role}"; known: ${ROLES.join(', ')}`);
    if (!SCOPES.has(task.scope) && !/^department:\d{3}$/.test(String(task.scope))) add(at, 'needs "scope": village, town, county, instance or department:<3-digit code> (department:901 is 县住建局)');
    if (!task.title || typeof task.title.zh !== 'string') add(at, 'needs a title { "zh": "…" }');
    if (task.dueIn !== undefined && !parseDelay(task.dueIn) && !/^\$[A-Za-z]\w*$/.test(task.dueIn)) add(at, `dueIn "${task.dueIn}" does not parse: use an ISO 8601 duration such as "P5D"`);
    if (!Array.isArray(task.outcomes) || task.outcomes.length === 0) add(at, 'needs at least one outcome { "event": "SUBMIT", "label": { "zh": "提交" } }');
    else for (const outcome of task.outcomes) {
      const handled = (n: Node | undefined): boolean => !!n && (!!n.config.on?.[outcome.event] || handled(n.parent));
      if (!handled(node)) add(at, `outcome "${outcome.event}" is not handled by the state: add on.${outcome.event}`);
      if (!outcome.label || typeof outcome.label.zh !== 'string') add(at, `outcome "${outcome.event}" needs a label { "zh": "…" }`);
      if (outcome.batch !== undefined && outcome.batch !== 'shared') add(at, `outcome "${outcome.event}": batch must be "shared" (one form filled once for a roster) or left out`);
      for (const issue of outcomeCheckIssues(outcome.checks)) add(at, `outcome "${outcome.event}": ${issue}`);
      if (outcome.requires !== undefined && (outcome.requires === null || typeof outcome.requires !== 'object' || Array.isArray(outcome.requires)
        || Object.entries(outcome.requires).some(([field, values]) => !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(field) || !Array.isArray(values) || values.length === 0))) {
        add(at, `outcome "${outcome.event}": requires must map form fields to the values allowed, e.g. { "conclusion": ["情况属实"] }`);
      }
    }
    for (const issue of validatePrefillSpec(task.prefill, at)) add(issue.path, issue.message);
    const events = Array.isArray(task.outcomes) ? task.outcomes.map((o) => String(o?.event)) : [];
    for (const issue of validateHelpCardSpec(task.helpCard, at, events)) add(issue.path, issue.message);
    if (!issues.some((i) => i.path === at)) outline.tasks.set(node.path.join('.'), task);
  }

  return { outline, issues };
}
