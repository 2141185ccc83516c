import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDefinitions } from '../../server/src/engine';

const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'household-identification.json'), 'utf8'));
const formV1 = { type: 'object', properties: { opinion: { type: 'string' }, members: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } };

describe('diffDefinitions', () => {
  it('finds no change between a version and its copy', () => {
    const side = { version: 1, document: doc, formVersions: { 'household-identification.townReview': 1 } };
    const d = diffDefinitions(side, { ...structuredClone(side), version: 2 });
    expect(d).toEqual({ from: 1, to: 2, states: { added: [], removed: [], changed: [] }, transitions: { added: [], removed: [], changed: [] }, forms: { added: [], removed: [], changed: [] } });
  });

  it('lists added, removed and changed states, transitions and form fields', () => {
    const next = structuredClone(doc);
    const states = next.machine.states;
    // A second town check between the town review and the county; the announcement goes.
    states.townCheck = { meta: { task: { ...states.townReview.meta.task, form: 'household-identification.townCheck' } }, on: { APPROVE: 'countyApproval', RETURN: 'townReview', REJECT: 'rejected' } };
    states.townReview.on.APPROVE = [{ target: 'townCheck' }];
    states.townReview.meta.task.roles = ['town_reviewer', 'county_reviewer'];
    states.townReview.meta.task.dueIn = 'P20D';
    delete states.announcement;
    states.countyApproval.on.APPROVE = 'registered';
    const formV2 = structuredClone(formV1) as any;
    formV2.properties.opinion.maxLength = 500;
    formV2.properties.members.items.properties.idNumber = { type: 'string' };
    delete formV2.properties.members.items.properties.name;
    formV2.properties.signedOn = { type: 'string', format: 'date' };

    const d = diffDefinitions(
      { version: 1, document: doc, formVersions: { 'household-identification.townReview': 1, 'household-identification.announcement': 1 }, formSchemas: { 'household-identification.townReview@1': formV1 } },
      { version: 2, document: next, formVersions: { 'household-identification.townReview': 2, 'household-identification.townCheck': 1 }, formSchemas: { 'household-identification.townReview@2': formV2 } },
    );
    expect(d.states.added).toEqual(['townCheck']);
    expect(d.states.removed).toEqual(['announcement']);
    expect(d.states.changed).toEqual([{ id: 'townReview', changes: ['task roles: town_reviewer → town_reviewer,county_reviewer', 'task dueIn: P10D → P20D'] }]);
    expect(d.transitions.added).toEqual(expect.arrayContaining([{ from: 'townCheck', event: 'APPROVE', to: 'countyApproval' }]));
    expect(d.transitions.removed).toEqual([{ from: 'announcement', event: 'ANNOUNCE', to: 'registered' }]);
    expect(d.transitions.changed).toEqual(expect.arrayContaining([
      { from: 'townReview', event: 'APPROVE', before: expect.stringContaining('secondNotice'), after: 'townCheck' },
      { from: 'countyApproval', event: 'APPROVE', before: expect.stringContaining('announcement [if'), after: 'registered' },
    ]));
    expect(d.forms).toEqual({
      added: ['household-identification.townCheck'],
      removed: ['household-identification.announcement'],
      changed: [{ key: 'household-identification.townReview', fromVersion: 1, toVersion: 2, fieldsAdded: ['/members/-/idNumber', '/signedOn'], fieldsRemoved: ['/members/-/name'], fieldsChanged: ['/opinion'] }],
    });
  });

  it('compares malformed drafts without throwing', () => {
    const shapes: any[] = [{}, { machine: [] }, { machine: { states: { a: 'x', b: { meta: { task: 5 } } } } },
      { machine: { states: { a: { on: 5, meta: { task: { roles: 'y', outcomes: 'x' } } } } } }, doc];
    for (const a of shapes) for (const b of shapes) {
      expect(() => diffDefinitions({ version: 1, document: a, formVersions: {} }, { version: 2, document: b, formVersions: {} })).not.toThrow();
    }
  });
});
