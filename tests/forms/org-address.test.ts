import { collectOrgAddresses } from '../../server/src/forms/org-address';

const address = { type: 'object', properties: { town: { type: 'string' }, village: { type: 'string' }, group: { type: 'string' } } };
const data = { household: { address: { town: '华城镇', village: '董源村', group: '第三村民小组' } }, members: [{ address: { town: '华城镇' } }] };

describe('collectOrgAddresses', () => {
  it('names the blocks the schema marks, through $ref and array items, in document order', () => {
    const schema = {
      type: 'object',
      $defs: { orgAddress: { ...address, 'x-org-address': true } },
      properties: {
        household: { type: 'object', properties: { address: { $ref: '#/$defs/orgAddress' } } },
        members: { type: 'array', items: { type: 'object', properties: { address: { $ref: '#/$defs/orgAddress' } } } },
      },
    };
    expect(collectOrgAddresses(schema, data)).toEqual([
      { pointer: '/household/address', town: '华城镇', village: '董源村', group: '第三村民小组' },
      { pointer: '/members/0/address', town: '华城镇', village: undefined, group: undefined },
    ]);
    // The same schema object again (a form version's cached schema) answers the same.
    expect(collectOrgAddresses(schema, data)).toHaveLength(2);
  });

  it('names nothing for a schema without the marking, however the data looks', () => {
    const schema = {
      type: 'object',
      properties: {
        household: { type: 'object', properties: { address } },
        members: { type: 'array', items: { type: 'object', properties: { address } } },
      },
    };
    expect(collectOrgAddresses(schema, data)).toEqual([]);
    expect(collectOrgAddresses({ ...schema, properties: { ...schema.properties, other: { 'x-org-address': false } } }, data)).toEqual([]);
  });
});
