import { toErrorSchema } from '../../server/src/forms';

describe('toErrorSchema', () => {
  it('nests pointer-keyed messages the way rjsf shows them with extraErrors', () => {
    expect(toErrorSchema({
      '/household/members/0/idNumber': ['身份证号校验码不正确，请核对'],
      '/household/members/0/sex': ['与身份证号显示的性别（男）不一致'],
      '/household/members': ['家庭成员中须有且只有一位户主'],
      '': ['表单填写有误'],
    })).toEqual({
      __errors: ['表单填写有误'],
      household: {
        members: {
          __errors: ['家庭成员中须有且只有一位户主'],
          0: { idNumber: { __errors: ['身份证号校验码不正确，请核对'] }, sex: { __errors: ['与身份证号显示的性别（男）不一致'] } },
        },
      },
    });
  });

  it('unescapes pointer tokens and never writes to a prototype', () => {
    const schema = toErrorSchema({ '/a~1b/c~0d': ['x'], '/__proto__/polluted': ['y'] }) as Record<string, any>;
    expect(schema['a/b']['c~d']).toEqual({ __errors: ['x'] });
    expect(Object.prototype.hasOwnProperty.call(schema, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
