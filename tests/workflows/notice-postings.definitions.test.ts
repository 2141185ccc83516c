import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every household notice the plan posts in the village (§二(三)2: 在村委会和各村民小组公示7天) is
 * posted under the same rules: the posting form opens with the village's places from the org tree,
 * the posting is checked against them, and the notice period counts from the posting date recorded.
 */
type StateNode = { states?: Record<string, StateNode>; on?: Record<string, unknown>; meta?: Record<string, unknown> };
const definition = (key: string) => (JSON.parse(readFileSync(join(__dirname, '../../workflows', `${key}.json`), 'utf8')) as { machine: StateNode }).machine;
const stateAt = (root: StateNode, path: string) => path.split('.').reduce<StateNode>((node, name) => node.states![name], root);

const NOTICES = [
  { key: 'household-identification', posting: 'publicNotice.posting', kind: 'identification', running: 'publicNotice.running' },
  { key: 'household-identification', posting: 'secondNotice.secondPosting', kind: 'identification-town', running: 'secondNotice.running' },
  { key: 'household-relapse', posting: 'publicNotice.posting', kind: 'relapse', running: 'publicNotice.running' },
  { key: 'household-exit', posting: 'publicNotice.posting', kind: 'exit', running: 'publicNotice.running' },
  { key: 'registry-review', posting: 'dismissalNotice.posting', kind: 'dismissal', running: 'dismissalNotice.running' },
];

describe.each(NOTICES)('$key $posting', ({ key, posting, kind, running }) => {
  const root = definition(key);
  const step = posting.split('.').pop()!;

  it('opens its posting form with the village\'s places from the org tree', () => {
    const task = stateAt(root, posting).meta!.task as { prefill?: unknown; form: string };
    expect(task.prefill).toEqual({ places: { var: 'org.noticePlaces' } });
    const form = JSON.parse(readFileSync(join(__dirname, '../../schemas', `${task.form.replace('.', '/')}.json`), 'utf8'));
    expect(form.schema.required).toContain('noticeNo');
  });

  it('checks the posting against the org tree and counts the period from the posting date', () => {
    expect(stateAt(root, posting).on!.POSTED).toEqual({
      target: 'running',
      actions: [{ type: 'writeRecord', params: { record: 'noticePosting', step, kind, timerState: running } }],
    });
    expect(stateAt(root, running).meta!.timerFrom).toEqual({ var: `data.${step}.postedFrom` });
  });
});
