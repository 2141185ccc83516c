import { toDirectedGraph } from '@xstate/graph';
import { createMachine } from 'xstate';
import type { AnyStateNode } from 'xstate';
import type { DefinitionDocument, StateConfigJson, TransitionJson, TransitionsJson } from './definition';
import { ROLES } from './definition';
import type { LintCode, LintIssue, LintResult } from '../contract';
import { parseDelay } from '../kernel';
import { describeCycle, findEventlessCycles } from './eventless-cycles';
import type { EventlessCycle } from './eventless-cycles';
import { decisionFieldsOf, formHasField } from './form-fields';
import { helpCardFieldRefs } from './help-card-spec';
import type { HelpCardSpec } from './help-card-spec';
import { loadDefinition } from './load-definition';
import { MAX_MICROSTEPS } from './step';
import { normaliseTransitions, validateDefinition } from './validate-definition';

/** Lint findings are the contract's types (`LintIssue`, `LintResult`): the API answers them as this lint produces them. */
export type { LintCode, LintIssue, LintResult } from '../contract';

export interface LintOptions {
  /** Form keys that exist, each with the JSON Schema guards are checked against (null: exists, schema unknown). */
  forms?: Readonly<Record<string, Record<string, unknown> | null>>;
  /** The county's configuration, for `$name` delays; without it `$name` is accepted as written. */
  config?: Record<string, unknown>;
  locale?: 'zh-CN' | 'en';
}

interface Node {
  path: string[];
  config: StateConfigJson;
  parent?: Node;
  pointer: string;
}

type Text = { zh: string; en: string };

/** The skeletons built here are checked by XState itself when the machine is created (a failure is caught). */
type AnyMachineConfig = Parameters<typeof createMachine>[0];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const token = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const statePointer = (path: string[]) => `/machine${path.map((p) => `/states/${token(p)}`).join('')}`;

/** Which code a loader message belongs to; null for messages this lint reports itself in more detail. */
function classify(message: string): LintCode | null {
  if (/^unknown target/.test(message)) return 'unknown_target';
  if (/^unknown guard/.test(message)) return 'unknown_guard';
  if (/^unknown action/.test(message)) return 'unknown_action';
  if (/^(delay|dueIn) ".*" does not parse/.test(message)) return null;
  if (/^needs "form"|^form ".*" does not exist|^must be the key of a form/.test(message)) return null;
  if (/^needs "roles"|^unknown role/.test(message)) return null;
  if (/^needs at least one outcome|^outcome ".*" is not handled/.test(message)) return null;
  return 'invalid_definition';
}

/** `publicNotice.posting on POSTED` (the loader's way of saying where) as a pointer and a state id. */
function locate(where: string): { pointer: string; stateId?: string } {
  if (where === 'key' || where === 'title' || where === 'startForm') return { pointer: `/${where}` };
  if (where === 'machine') return { pointer: '/machine' };
  const [state, kind, ...rest] = where.split(' ');
  const path = state === '(root)' ? [] : state.split('.');
  let pointer = statePointer(path);
  const arg = rest.join(' ');
  if (kind === 'on' || kind === 'after') pointer += `/${kind}/${token(arg)}`;
  else if (kind === 'always' || kind === 'entry' || kind === 'exit') pointer += `/${kind}`;
  else if (kind === 'meta.task') pointer += '/meta/task';
  return { pointer, stateId: path.length ? path.join('.') : undefined };
}

/** The `var` names a JsonLogic rule reads. */
function varsOf(rule: unknown, into: string[] = []): string[] {
  if (Array.isArray(rule)) for (const r of rule) varsOf(r, into);
  else if (isObject(rule)) {
    for (const [op, arg] of Object.entries(rule)) {
      if (op === 'var') {
        const name = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
        if (name) into.push(name);
      } else varsOf(arg, into);
    }
  }
  return into;
}

/** A copy of the machine with only its structure (states and targets), for graph checks even when guards or tasks are broken. */
function skeletonOf(config: StateConfigJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof config.type === 'string') out.type = config.type;
  if (typeof config.initial === 'string') out.initial = config.initial;
  if (typeof config.id === 'string') out.id = config.id;
  const targetsOnly = (value: TransitionsJson | undefined) => normaliseTransitions(value).filter(isObject).map((t) => ({ target: t.target }));
  if (isObject(config.on)) out.on = Object.fromEntries(Object.entries(config.on).map(([e, v]) => [e, targetsOnly(v as TransitionsJson)]));
  if (isObject(config.after)) out.after = Object.fromEntries(Object.entries(config.after).map(([, v], i) => [String((i + 1) * 1000), targetsOnly(v as TransitionsJson)]));
  if (config.always !== undefined) out.always = targetsOnly(config.always);
  if (isObject(config.states)) out.states = Object.fromEntries(Object.entries(config.states).map(([k, v]) => [k, skeletonOf(isObject(v) ? v : {})]));
  return out;
}

/**
 * What eventless loops depend on, and nothing XState could refuse for other reasons: the states,
 * `always` transitions with their targets, whether they are guarded, and the action names of
 * transitions, entry and exit (a data action makes even a self-transition loop).
 */
function eventlessSkeletonOf(config: StateConfigJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof config.type === 'string') out.type = config.type;
  if (typeof config.initial === 'string') out.initial = config.initial;
  if (typeof config.id === 'string') out.id = config.id;
  const names = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .filter(isObject).filter((a) => typeof a.type === 'string').map((a) => ({ type: a.type as string }));
  if (config.always !== undefined) {
    out.always = normaliseTransitions(config.always).filter(isObject).map((t) => ({
      target: t.target, reenter: t.reenter === true, actions: names(t.actions),
      ...(t.guard !== undefined ? { guard: 'guarded' } : {}),
    }));
  }
  out.entry = names(config.entry);
  out.exit = names(config.exit);
  if (isObject(config.states)) out.states = Object.fromEntries(Object.entries(config.states).map(([k, v]) => [k, eventlessSkeletonOf(isObject(v) ? v : {})]));
  return out;
}

/** Loops of `always` transitions, found on XState's own resolution of the targets; undefined when it cannot build the machine. */
function eventlessCycles(machineId: string, machine: StateConfigJson): EventlessCycle[] | undefined {
  try {
    return findEventlessCycles(createMachine({ ...eventlessSkeletonOf(machine), id: machineId } as AnyMachineConfig).root);
  } catch {
    return undefined;
  }
}

/** States reachable from the initial state, following XState's own graph of the machine (guards ignored). */
function reachableStates(machineId: string, skeleton: Record<string, unknown>): { reached: Set<string>; all: AnyStateNode[] } | undefined {
  let root: AnyStateNode;
  let graph: ReturnType<typeof toDirectedGraph>;
  try {
    const machine = createMachine({ ...skeleton, id: machineId } as AnyMachineConfig);
    root = machine.root;
    graph = toDirectedGraph(machine);
  } catch {
    return undefined;
  }
  const edges = new Map<AnyStateNode, AnyStateNode[]>();
  const all: AnyStateNode[] = [];
  const collect = (g: ReturnType<typeof toDirectedGraph>) => {
    all.push(g.stateNode);
    const always = (g.stateNode.always ?? []).flatMap((t) => t.target ?? []);
    edges.set(g.stateNode, [...g.edges.map((e) => e.target), ...always]);
    for (const c of g.children) collect(c);
  };
  collect(graph);
  const key = (n: AnyStateNode) => n.path.join('.');
  const reached = new Set<string>();
  const queue: AnyStateNode[] = [];
  const mark = (n: AnyStateNode) => {
    if (reached.has(key(n))) return false;
    reached.add(key(n));
    queue.push(n);
    return true;
  };
  const enter = (n: AnyStateNode, seen = new Set<AnyStateNode>()) => {
    if (seen.has(n)) return;
    seen.add(n);
    // Entering a state makes its ancestors active, and with a parallel ancestor every other region too.
    for (let child = n, a = n.parent; a; child = a, a = a.parent) {
      mark(a);
      if (a.type === 'parallel') for (const region of Object.values(a.states) as AnyStateNode[]) if (region !== child) enter(region, seen);
    }
    mark(n);
    if (n.type === 'compound') {
      const initial = (n.initial?.target ?? []) as AnyStateNode[];
      for (const t of initial) enter(t, seen);
    } else if (n.type === 'parallel') for (const region of Object.values(n.states) as AnyStateNode[]) enter(region, seen);
  };
  try {
    enter(root);
    while (queue.length) {
      const n = queue.shift()!;
      for (const target of edges.get(n) ?? []) if (target?.path && !reached.has(key(target))) enter(target);
    }
  } catch {
    // A structure XState accepted but cannot walk (e.g. a targetless history state): the other checks still report.
    return undefined;
  }
  return { reached, all };
}

/**
 * Lints a definition document for the editor: what the loader refuses, plus what it accepts
 * but would never work (unreachable states, dead ends, guards on fields the form lacks). Pure;
 * runs on any JSON, messages in the requested language.
 * @example lintDefinition(doc, { forms: { 'x.application': schema }, locale: 'en' }).ok
 */
export function lintDefinition(doc: unknown, options: LintOptions = {}): LintResult {
  try {
    return lintDocument(doc, options);
  } catch (err) {
    // Lint runs on whatever the editor sends; a shape no check foresaw is reported, never thrown.
    const message = (err as Error).message;
    return { ok: false, issues: [{ severity: 'error', code: 'invalid_definition', path: '/machine', message: options.locale === 'en' ? `The definition cannot be read: ${message}` : `定义无法解析：${message}` }] };
  }
}

function lintDocument(doc: unknown, options: LintOptions): LintResult {
  const en = options.locale === 'en';
  const issues: LintIssue[] = [];
  const add = (code: LintCode, text: Text, path: string, extra: { stateId?: string; field?: string; severity?: 'error' | 'warning' } = {}) => {
    const { severity = 'error', ...rest } = extra;
    issues.push({ severity, code, message: en ? text.en : text.zh, path, ...rest });
  };
  const finish = (): LintResult => ({ ok: !issues.some((i) => i.severity === 'error'), issues });

  if (!isObject(doc) || !isObject(doc.machine)) {
    add('invalid_definition', { zh: '定义需要一个 machine 对象（XState 状态机配置）', en: 'A definition needs a "machine" object (an XState machine config)' }, isObject(doc) ? '/machine' : '');
    return finish();
  }
  const machine = doc.machine;
  const machineId = typeof machine.id === 'string' ? machine.id : String(doc.key ?? 'machine');

  // What the loader refuses, under the codes the editor knows.
  try {
    // validateDefinition checks the document's shape itself and reports what is missing.
    for (const issue of validateDefinition(doc as unknown as DefinitionDocument).issues) {
      const code = classify(issue.message);
      if (!code) continue;
      const where = locate(issue.path);
      const zh = { unknown_target: '转换目标不存在', unknown_guard: '未知的条件', unknown_action: '未知的动作' }[code as string] ?? '定义无效';
      add(code, { zh: `${zh}（${where.stateId ?? issue.path}）：${issue.message}`, en: `${where.stateId ?? issue.path}: ${issue.message}` }, where.pointer, { stateId: where.stateId });
    }
  } catch (err) {
    add('invalid_definition', { zh: `定义无法解析：${(err as Error).message}`, en: `The definition cannot be read: ${(err as Error).message}` }, '/machine');
    return finish();
  }

  const nodes: Node[] = [];
  const walk = (config: unknown, path: string[], parent?: Node) => {
    const node: Node = { path, config: isObject(config) ? config : {}, parent, pointer: statePointer(path) };
    nodes.push(node);
    if (isObject(node.config.states)) for (const [name, child] of Object.entries(node.config.states)) walk(child, [...path, name], node);
  };
  walk(machine, []);
  const idOf = (n: Node) => n.path.join('.');
  const forms = options.forms;
  const tasksByKey = new Map<string, { node: Node; form: string }>();

  const checkDelay = (text: string, pointer: string, stateId: string | undefined) => {
    const named = /^\$([A-Za-z]\w*)$/.exec(text);
    let ok = named ? true : parseDelay(text) !== undefined;
    let hint = '';
    if (named && options.config) {
      const configured = options.config[named[1]];
      ok = typeof configured === 'string' && parseDelay(configured) !== undefined;
      hint = ok ? '' : ` (${JSON.stringify(configured ?? null)})`;
    }
    if (!ok) {
      add('bad_delay', {
        zh: named ? `时限“${text}”需要县配置中的“${named[1]}”为 ISO 8601 时长${hint}` : `时限“${text}”无法解析：请使用 ISO 8601 时长，如 P7D、PT48H、P2M、P5D@workdays，或县配置中的 $名称`,
        en: named ? `Delay "${text}" needs "${named[1]}" in the county configuration as an ISO 8601 duration${hint}` : `Delay "${text}" does not parse: use an ISO 8601 duration such as P7D, PT48H, P2M or P5D@workdays, or $name from the county configuration`,
      }, pointer, { stateId });
    }
  };

  const startForm = doc.startForm;
  if (startForm !== undefined && (typeof startForm !== 'string' || !startForm || (forms && !(startForm in forms)))) {
    add('missing_form', {
      zh: typeof startForm === 'string' && startForm ? `启动表单“${startForm}”不存在` : 'startForm 应为表单的键',
      en: typeof startForm === 'string' && startForm ? `Start form "${startForm}" does not exist` : 'startForm must be the key of a form',
    }, '/startForm');
  }

  const starterRoles = doc.starterRoles;
  if (Array.isArray(starterRoles)) {
    starterRoles.forEach((role: unknown, i: number) => {
      if (!(ROLES as readonly unknown[]).includes(role)) {
        add('unknown_role', { zh: `未知角色“${String(role)}”；可用：${ROLES.join('、')}`, en: `Unknown role "${String(role)}"; known: ${ROLES.join(', ')}` }, `/starterRoles/${i}`);
      }
    });
  }

  for (const node of nodes) {
    const c = node.config;
    const stateId = node.path.length ? idOf(node) : undefined;
    if (isObject(c.after)) for (const delay of Object.keys(c.after)) checkDelay(delay, `${node.pointer}/after/${token(delay)}`, stateId);
    const task = c.meta?.task;
    if (!isObject(task) || !stateId) continue;
    const at = `${node.pointer}/meta/task`;
    if (typeof task.form !== 'string' || !task.form) {
      add('missing_form', { zh: `任务“${stateId}”没有指定表单（meta.task.form）`, en: `Task "${stateId}" names no form (meta.task.form)` }, `${at}/form`, { stateId });
    } else if (forms && !(task.form in forms)) {
      add('missing_form', { zh: `任务“${stateId}”使用的表单“${task.form}”不存在：先在表单设计器中创建它`, en: `Task "${stateId}" uses form "${task.form}", which does not exist: create it in the form builder first` }, `${at}/form`, { stateId });
    } else tasksByKey.set(node.path[node.path.length - 1], { node, form: task.form });
    if (!Array.isArray(task.roles) || task.roles.length === 0) {
      add('missing_roles', { zh: `任务“${stateId}”没有指定办理角色（meta.task.roles）`, en: `Task "${stateId}" names no roles (meta.task.roles)` }, `${at}/roles`, { stateId });
    } else {
      task.roles.forEach((role: unknown, i: number) => {
        if (!(ROLES as readonly unknown[]).includes(role)) {
          add('unknown_role', { zh: `任务“${stateId}”的角色“${String(role)}”未知；可用：${ROLES.join('、')}`, en: `Task "${stateId}" has unknown role "${String(role)}"; known: ${ROLES.join(', ')}` }, `${at}/roles/${i}`, { stateId });
        }
      });
    }
    if (task.dueIn !== undefined) {
      if (typeof task.dueIn !== 'string') add('bad_delay', { zh: `任务“${stateId}”的办理时限应为文本，如 "P5D"`, en: `Task "${stateId}": dueIn must be text such as "P5D"` }, `${at}/dueIn`, { stateId });
      else checkDelay(task.dueIn, `${at}/dueIn`, stateId);
    }
    if (!Array.isArray(task.outcomes) || task.outcomes.length === 0) {
      add('task_without_outcomes', { zh: `任务“${stateId}”没有处理结果：在 meta.task.outcomes 中至少添加一个，如 { "event": "SUBMIT", "label": { "zh": "提交" } }`, en: `Task "${stateId}" has no outcomes: add at least one to meta.task.outcomes, e.g. { "event": "SUBMIT", "label": { "zh": "提交" } }` }, `${at}/outcomes`, { stateId });
    } else {
      task.outcomes.forEach((outcome: unknown, i: number) => {
        const event = isObject(outcome) ? outcome.event : undefined;
        const handled = (n: Node | undefined): boolean => !!n && ((isObject(n.config.on) && typeof event === 'string' && event in n.config.on) || handled(n.parent));
        if (typeof event !== 'string' || !event) {
          add('invalid_definition', { zh: `任务“${stateId}”的第 ${i + 1} 个处理结果需要 event`, en: `Outcome ${i + 1} of task "${stateId}" needs an "event"` }, `${at}/outcomes/${i}`, { stateId });
        } else if (!handled(node)) {
          add('unhandled_event', { zh: `处理结果 ${event} 没有状态处理：在“${stateId}”的 on 中添加 ${event}`, en: `Outcome ${event} is handled by no state: add on.${event} to "${stateId}"` }, `${at}/outcomes/${i}`, { stateId });
        }
      });
    }
  }

  // Guards that read a field of a step's form: the form must have it.
  const fieldIssue = (ref: string, formKey: string, field: string, pointer: string, stateId: string | undefined) => add('guard_unknown_field', {
    zh: `条件读取 ${ref}，但表单“${formKey}”没有字段“${field}”`, en: `The guard reads ${ref}, but form "${formKey}" has no field "${field}"`,
  }, pointer, { stateId, field });
  for (const node of nodes) {
    const stateId = node.path.length ? idOf(node) : undefined;
    const ownTask = isObject(node.config.meta?.task) ? node.config.meta!.task : undefined;
    const lists: Array<[string, string, TransitionsJson | undefined]> = [
      ...Object.entries(isObject(node.config.on) ? node.config.on : {}).map(([e, v]) => [`on/${token(e)}`, e, v as TransitionsJson] as [string, string, TransitionsJson]),
      ...Object.entries(isObject(node.config.after) ? node.config.after : {}).map(([d, v]) => [`after/${token(d)}`, '', v as TransitionsJson] as [string, string, TransitionsJson]),
      ['always', '', node.config.always],
    ];
    for (const [where, event, value] of lists) {
      if (value === undefined) continue;
      const list = normaliseTransitions(value);
      list.forEach((t: TransitionJson, i) => {
        if (!isObject(t) || !isObject(t.guard)) return;
        const pointer = `${node.pointer}/${where}${Array.isArray(value) ? `/${i}` : ''}/guard`;
        for (const ref of varsOf(t.guard.params)) {
          const fromData = /^data\.([A-Za-z_]\w*)\.(.+)$/.exec(ref);
          if (fromData) {
            const step = tasksByKey.get(fromData[1]);
            const schema = step ? forms?.[step.form] : undefined;
            if (step && schema && !formHasField(schema, fromData[2])) fieldIssue(ref, step.form, fromData[2], pointer, stateId);
            continue;
          }
          const fromEvent = /^event\.data\.(.+)$/.exec(ref);
          if (fromEvent && ownTask && typeof ownTask.form === 'string' && Array.isArray(ownTask.outcomes) && ownTask.outcomes.some((o: unknown) => isObject(o) && o.event === event)) {
            const schema = forms?.[ownTask.form];
            if (schema && !formHasField(schema, fromEvent[1])) fieldIssue(ref, ownTask.form, fromEvent[1], pointer, stateId);
          }
        }
      });
    }
  }

  // A 帮扶记录卡 declaration reads fields of the task's form or of earlier steps' forms: they must exist.
  for (const { node, form } of tasksByKey.values()) {
    const task = node.config.meta?.task;
    const spec = isObject(task) && isObject(task.helpCard) ? task.helpCard as unknown as HelpCardSpec : undefined;
    if (!spec) continue;
    const stateId = idOf(node);
    const pointer = `${statePointer(node.path)}/meta/task/helpCard`;
    const refs = helpCardFieldRefs(spec);
    if (typeof spec.household === 'string') refs.push({ key: 'household', field: spec.household });
    for (const ref of refs) {
      if (typeof ref.field !== 'string') continue;
      const fromData = /^data\.([A-Za-z_]\w*)\.(.+)$/.exec(ref.field);
      const step = fromData ? tasksByKey.get(fromData[1]) : { node, form };
      const path = fromData ? fromData[2] : ref.field;
      const schema = step ? forms?.[step.form] : undefined;
      if (fromData && !step) {
        add('help_card_unknown_field', {
          zh: `任务“${stateId}”的帮扶记录卡（${ref.key}）读取 ${ref.field}，但没有名为“${fromData[1]}”的任务环节`,
          en: `Task "${stateId}": the help card (${ref.key}) reads ${ref.field}, but no task state is named "${fromData[1]}"`,
        }, `${pointer}/${ref.key}`, { stateId, field: ref.field });
      } else if (step && schema && !formHasField(schema, path)) {
        add('help_card_unknown_field', {
          zh: `任务“${stateId}”的帮扶记录卡（${ref.key}）读取字段“${path}”，但表单“${step.form}”没有该字段`,
          en: `Task "${stateId}": the help card (${ref.key}) reads field "${path}", but form "${step.form}" has no such field`,
        }, `${pointer}/${ref.key}`, { stateId, field: ref.field });
      }
    }
  }

  // An outcome that keeps the form's data must agree with its decision fields (a conclusion, a result):
  // by `requires` on the outcome, or by a guard on every transition of its event that reads the field.
  for (const { node, form } of tasksByKey.values()) {
    const schema = forms?.[form];
    const task = node.config.meta?.task;
    if (!schema || !isObject(task) || !Array.isArray(task.outcomes)) continue;
    const decisions = decisionFieldsOf(schema);
    if (!decisions.length) continue;
    const stateId = idOf(node);
    task.outcomes.forEach((outcome: unknown, i: number) => {
      if (!isObject(outcome) || typeof outcome.event !== 'string' || outcome.kind === 'return' || outcome.kind === 'reject') return;
      const requires = isObject(outcome.requires) ? outcome.requires : {};
      const transitions = normaliseTransitions(isObject(node.config.on) ? node.config.on[outcome.event] as TransitionsJson | undefined : undefined);
      for (const field of decisions) {
        if (field in requires) continue;
        const guarded = transitions.length > 0 && transitions.every((t) => isObject(t) && isObject(t.guard) && varsOf(t.guard.params).includes(`event.data.${field}`));
        if (guarded) continue;
        const label = isObject(outcome.label) && typeof outcome.label.zh === 'string' ? outcome.label.zh : outcome.event;
        add('outcome_may_disagree', {
          zh: `任务“${stateId}”的处理结果“${label}”（${outcome.event}）可能与表单“${form}”的结论字段“${field}”不一致：在该处理结果上加 "requires": { "${field}": [允许的值] }，或为它的每条转换加读取 event.data.${field} 的条件`,
          en: `Outcome "${outcome.event}" of task "${stateId}" can disagree with the decision field "${field}" of form "${form}": add "requires": { "${field}": [allowed values] } to the outcome, or guard each of its transitions on event.data.${field}`,
        }, `${statePointer(node.path)}/meta/task/outcomes/${i}`, { stateId, field, severity: 'warning' });
      }
    });
  }

  // Reachability and dead ends from XState's graph of the machine's structure.
  const graph = reachableStates(machineId, skeletonOf(machine as StateConfigJson));
  if (graph) {
    const byPath = new Map(nodes.map((n) => [idOf(n), n]));
    for (const stateNode of graph.all) {
      const id = stateNode.path.join('.');
      const node = byPath.get(id);
      if (!node || !id) continue;
      const parentId = stateNode.path.slice(0, -1).join('.');
      if (!graph.reached.has(id)) {
        if (parentId === '' || graph.reached.has(parentId)) {
          add('unreachable_state', { zh: `状态“${id}”无法从初始状态到达：添加指向它的转换，或删除它`, en: `State "${id}" cannot be reached from the initial state: add a transition to it or remove it` }, node.pointer, { stateId: id });
        }
        continue;
      }
      if (stateNode.type !== 'atomic') continue;
      const hasWayOut = (n: Node | undefined): boolean => !!n && (
        (isObject(n.config.on) && Object.keys(n.config.on).length > 0)
        || (isObject(n.config.after) && Object.keys(n.config.after).length > 0)
        || normaliseTransitions(n.config.always).length > 0
        || hasWayOut(n.parent));
      if (!hasWayOut(node)) {
        add('dead_end', { zh: `状态“${id}”没有出口：添加转换或定时器，或将其设为终止状态（"type": "final"）`, en: `State "${id}" has no way out: add a transition or a delay, or make it final ("type": "final")` }, node.pointer, { stateId: id });
      }
    }
  }
  // Loops of eventless transitions: a case entering one would spin inside a single step.
  for (const cycle of eventlessCycles(machineId, machine as StateConfigJson) ?? []) {
    const first = cycle.states[0];
    const loop = describeCycle(cycle);
    const pointer = statePointer(first.split('.'));
    if (cycle.certain) {
      add('eventless_cycle', {
        zh: `无事件转换（always）形成死循环：${loop}。这些转换都没有条件，流程进入后永远停不下来：请为其中一个添加条件（guard），或改为等待事件`,
        en: `Eventless (always) transitions form an endless loop: ${loop}. None of them has a guard, so a case entering them never comes to rest: add a guard to one of them or wait for an event instead`,
      }, pointer, { stateId: first });
    } else {
      add('eventless_cycle', {
        zh: `无事件转换（always）可能形成循环：${loop}。请确认这些条件不会同时成立，否则该步骤会因超过 ${MAX_MICROSTEPS} 次转换而失败`,
        en: `Eventless (always) transitions may loop: ${loop}. Make sure their guards cannot all hold at once, or the step fails after ${MAX_MICROSTEPS} transitions`,
      }, pointer, { stateId: first, severity: 'warning' });
    }
  }
  // Whatever else XState itself refuses when the machine is built.
  if (!issues.some((i) => i.severity === 'error')) {
    try {
      loadDefinition(doc as unknown as DefinitionDocument, { configForYear: () => options.config ?? {} });
    } catch (err) {
      add('invalid_definition', { zh: `状态机无法创建：${(err as Error).message}`, en: `The machine cannot be built: ${(err as Error).message}` }, '/machine');
    }
  }
  return finish();
}
