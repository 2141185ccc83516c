import { exampleOfBlock } from '../../server/src/forms/shared-blocks';

const person = { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } } };
/** A form using the block `person` as a field, as a list's rows, and as the base of a section with a field of its own. */
const schema = {
  type: 'object',
  $defs: { person },
  properties: {
    visitors: { type: 'array', items: { $ref: '#/$defs/person' } },
    contact: { $ref: '#/$defs/person' },
    head: { allOf: [{ $ref: '#/$defs/person' }], properties: { idNumber: { type: 'string' } } },
  },
};

describe('a shared block\'s example, taken from a form example that uses it', () => {
  it('When the block is a list\'s row, then the first row is its example', () => {
    expect(exampleOfBlock(schema, { visitors: [{ name: '张三', phone: '13800000001' }, { name: '李四' }] }, 'person', person)).toEqual({ name: '张三', phone: '13800000001' });
  });

  it('When the block is a field, then the field\'s value is its example, in the order the data holds the fields', () => {
    expect(exampleOfBlock(schema, { contact: { name: '王五', phone: '13800000002' }, visitors: [{ name: '张三' }] }, 'person', person)).toEqual({ name: '王五', phone: '13800000002' });
  });

  it('When a section extends the block, then only the block\'s own fields are taken, not the section\'s', () => {
    expect(exampleOfBlock(schema, { head: { name: '赵六', idNumber: '441424196803150495' } }, 'person', person)).toEqual({ name: '赵六' });
  });

  it('When the data does not use the block, then there is no example', () => {
    expect(exampleOfBlock(schema, { other: 1 }, 'person', person)).toBeUndefined();
    expect(exampleOfBlock(schema, { visitors: [] }, 'person', person)).toBeUndefined();
  });
});
