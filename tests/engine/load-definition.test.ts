import { formsUsedBy } from '../../server/src/seed';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionError, loadDefinition } from '../../server/src/engine';
import type { DefinitionDocument } from '../../server/src/engine';

const householdIdentification = (): DefinitionDocument =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'household-identification.json'), 'utf8'));

function refusal(doc: DefinitionDocument): DefinitionError {
  try {
    loadDefinition(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(DefinitionError);
    return err as DefinitionError;
  }
  throw new Error('the definition was accepted');
}

describe('loadDefinition', () => {
  it('loads the household identification process', () => {
    const def = loadDefinition(householdIdentification(), { version: 3 });
    expect(def.version).toBe(3);
    expect([...def.tasks.keys()]).toEqual(expect.arrayContaining(['application', 'verification', 'publicNotice.posting', 'countyApproval']));
  });

  it('refuses a transition to an unknown target, naming the state and suggesting the near name', () => {
    const doc = householdIdentification();
    (doc.machine.states as any).verification.on.VERIFY = 'villagerApraisal';
    const err = refusal(doc);
    expect(err.issues).toEqual([expect.objectContaining({ path: 'verification on VERIFY', message: expect.stringContaining('unknown target "villagerApraisal"; did you mean "villagerAppraisal"') })]);
    expect(err.message).toContain('verification on VERIFY');
  });

  it('refuses an unknown guard name', () => {
    const doc = householdIdentification();
    (doc.machine.states as any).townReview.on.APPROVE = { target: 'countyApproval', guard: { type: 'isRich' } };
    expect(refusal(doc).issues[0]).toEqual({ path: 'townReview on APPROVE', message: expect.stringContaining('unknown guard "isRich"') });
  });

  it('refuses a guard whose expression uses an operator outside the safe set', () => {
    const doc = householdIdentification();
    (doc.machine.states as any).townReview.on.APPROVE = { target: 'countyApproval', guard: { type: 'expr', params: { if: { method: ['x', 'constructor'] } } } };
    expect(refusal(doc).issues[0].message).toContain('unknown operator "method"');
  });

  it('refuses an unknown action, a delay that does not parse and an outcome the state does not handle', () => {
    const doc = householdIdentification();
    const states = doc.machine.states as any;
    states.registered.entry = [{ type: 'sendSms' }];
    states.publicNotice.states.running.after = { 'seven days': '#household-identification.preliminaryOpinion' };
    states.application.meta.task.outcomes.push({ event: 'WITHDRAW', label: { zh: '撤回' } });
    const paths = refusal(doc).issues.map((i) => `${i.path}: ${i.message}`);
    expect(paths).toEqual(expect.arrayContaining([
      expect.stringMatching(/^registered entry: unknown action "sendSms"/),
      expect.stringMatching(/^publicNotice\.running: delay "seven days" does not parse/),
      expect.stringMatching(/^application meta\.task: outcome "WITHDRAW" is not handled/),
    ]));
  });

  it('refuses an ending (meta.end) on a state that is not final, or without a title', () => {
    const doc = householdIdentification();
    const states = doc.machine.states as any;
    states.townReview.meta.end = { title: { zh: '乡镇审核中' } };
    states.rejected.meta.end = { refused: 'yes' };
    states.registered.meta.end = null;
    const paths = refusal(doc).issues.map((i) => `${i.path}: ${i.message}`);
    expect(paths).toEqual(expect.arrayContaining([
      expect.stringMatching(/^townReview meta\.end: names how a case ended: it belongs on a final state/),
      expect.stringMatching(/^rejected meta\.end\.title: must be a text/),
      expect.stringMatching(/^rejected meta\.end\.refused: must be true or false/),
      expect.stringMatching(/^registered meta\.end\.title: must be a text/),
    ]));
  });

  it('names how a case ended in every final state of every process, in Chinese and English', () => {
    const dir = join(__dirname, '..', '..', 'workflows');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'county-config.json')) {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as DefinitionDocument;
      const walk = (states: Record<string, any> | undefined, path: string[]) => {
        for (const [name, state] of Object.entries(states ?? {})) {
          const end = state.meta?.end;
          if (state.type === 'final' && !(end?.title?.zh && end?.title?.en)) missing.push(`${file} ${[...path, name].join('.')}`);
          walk(state.states, [...path, name]);
        }
      };
      walk(doc.machine.states as Record<string, any>, []);
    }
    expect(missing).toEqual([]);
  });

  it('refuses a task naming a form that does not exist when the forms are known', () => {
    expect(() => loadDefinition(householdIdentification(), { knownForms: new Set(['household-identification.application']) }))
      .toThrow(/verification meta\.task: form "household-identification\.verification" does not exist/);
  });

  it('refuses a start form that does not exist when the forms are known', () => {
    const doc = { ...householdIdentification(), startForm: 'household-identification.nothing' };
    expect(() => loadDefinition(doc, { knownForms: new Set(formsUsedBy(householdIdentification())) }))
      .toThrow(/startForm: form "household-identification\.nothing" does not exist/);
  });
});
