import { computePrefill, validatePrefillSpec } from '../../server/src/engine';

describe('computePrefill', () => {
  it('maps earlier steps\' data into the task form\'s fields, nested paths included, and leaves out what is empty', () => {
    const data = { application: { household: { livingConditions: { houseArea: 60 } } }, objection: { content: '反映该户有商品房' } };
    expect(computePrefill({
      livingConditions: { var: 'data.application.household.livingConditions' },
      'review.summary': { var: 'data.objection.content' },
      missing: { var: 'data.nothing.here' },
      blank: { cat: [''] },
    }, data)).toEqual({ livingConditions: { houseArea: 60 }, review: { summary: '反映该户有商品房' } });
  });

  it('reads what the org tree says of the case\'s village under `org`, beside the data', () => {
    const org = { noticePlaces: ['董源村村委会', '第一村民小组'] };
    expect(computePrefill({ places: { var: 'org.noticePlaces' }, title: { var: 'data.title' } }, { title: '公示' }, org)).toEqual({ places: org.noticePlaces, title: '公示' });
    expect(computePrefill({ places: { var: 'org.noticePlaces' } }, {})).toEqual({});
  });

  it('gives copies, so editing the form never changes the instance data', () => {
    const data = { application: { conditions: { houseArea: 60 } } };
    const prefill = computePrefill({ conditions: { var: 'data.application.conditions' } }, data) as { conditions: { houseArea: number } };
    prefill.conditions.houseArea = 1;
    expect(data.application.conditions.houseArea).toBe(60);
  });
});

describe('validatePrefillSpec', () => {
  it('refuses a prefill that is not a map of field paths to safe rules, naming where', () => {
    expect(validatePrefillSpec(undefined, 'verification meta.task')).toEqual([]);
    expect(validatePrefillSpec(['x'], 'verification meta.task')[0].path).toBe('verification meta.task.prefill');
    const issues = validatePrefillSpec({ 'not a path': { var: 'data.a' }, ok: { eval: 'process.exit()' } }, 'verification meta.task');
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['verification meta.task.prefill.not a path', expect.stringMatching(/^verification meta\.task\.prefill\.ok/)]));
  });
});
