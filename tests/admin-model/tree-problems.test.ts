import { problemsByRow, treeKeyOf } from '../../client/src/admin/forms/formTree';

describe('placing the server\'s strict-check messages in the builder\'s tree', () => {
  it('maps a schema pointer to the row of the field it names, through lists and show-if branches', () => {
    expect(treeKeyOf('/schema')).toBe('');
    expect(treeKeyOf('/schema/properties/members')).toBe('members');
    expect(treeKeyOf('/schema/properties/members/items/properties/idNumber')).toBe('members/[]/idNumber');
    expect(treeKeyOf('/schema/properties/visit/allOf/0/then/properties/note')).toBe('visit/note');
    expect(treeKeyOf('/schema/properties/a~1b')).toBe('a/b');
    expect(treeKeyOf('/schema/$defs/household/properties/x')).toBeNull();
    expect(treeKeyOf('/schema/examples/0/a')).toBeNull();
    expect(treeKeyOf('/title')).toBeNull();
  });

  it('groups the messages by row and leaves out those of the whole form', () => {
    const rows = problemsByRow({
      '/schema': ['日期区间引用的字段“end”在本节中不存在'],
      '/schema/properties/members': ['不可重复引用的字段“idNo”在列表的每一行中不存在'],
      '/schema/properties/members/items': ['不认识的设置“colour”'],
    });
    expect([...rows]).toEqual([['members', ['不可重复引用的字段“idNo”在列表的每一行中不存在', '不认识的设置“colour”']]]);
  });
});
