import { createFormValidator, type FormDocument } from '../../server/src/forms';

const SCHEMA_URI = 'https://json-schema.org/draft/2020-12/schema';

function formWith(schema: Record<string, unknown>, key = 'test-process.step', version = 1): FormDocument {
  return { key, version, title: { zh: '测试', en: 'Test' }, schema: { $schema: SCHEMA_URI, ...schema }, uiSchema: {} };
}

describe('createFormValidator', () => {
  it('compiles a form once per key and version and does not follow later edits of the same object', () => {
    const validator = createFormValidator();
    const form = formWith({ type: 'object', properties: { n: { type: 'integer', maximum: 5 } } });
    expect(validator.validate(form, { n: 6 }).valid).toBe(false);
    (form.schema.properties as any).n.maximum = 10;
    expect(validator.validate(form, { n: 6 }).valid).toBe(false);
  });

  it('recompiles when a new schema object with other content comes under the same key and version', () => {
    const validator = createFormValidator();
    expect(validator.validate(formWith({ type: 'object', properties: { n: { type: 'integer', maximum: 5 } } }), { n: 6 }).valid).toBe(false);
    expect(validator.validate(formWith({ type: 'object', properties: { n: { type: 'integer', maximum: 10 } } }), { n: 6 }).valid).toBe(true);
    expect(validator.validate(formWith({ type: 'object', properties: { n: { type: 'integer', maximum: 5 } } }), { n: 6 }).valid).toBe(false);
  });

  it('keeps versions of one form apart', () => {
    const validator = createFormValidator();
    const v1 = formWith({ type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 10 } } }, 'test-process.step', 1);
    const v2 = formWith({ type: 'object', required: ['b'], properties: { b: { type: 'string', maxLength: 10 } } }, 'test-process.step', 2);
    expect(validator.validate(v1, { a: 'x' }).valid).toBe(true);
    expect(validator.validate(v2, { a: 'x' }).fields).toEqual({ '/b': ['此项为必填项'] });
    expect(validator.validate(v1, { a: 'x' }).valid).toBe(true);
  });

  it('names the form when its schema cannot be compiled', () => {
    const validator = createFormValidator();
    expect(() => validator.validate(formWith({ type: 'object', properties: { a: { type: 'strnig' } } }, 'broken-process.step', 3), {}))
      .toThrow(/Form broken-process\.step@3 has an invalid schema/);
  });

  it('answers in Chinese by default, in English on request, and in Chinese for a locale it does not know', () => {
    const validator = createFormValidator();
    const form = formWith({ type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 10 } } });
    expect(validator.validate(form, {}).fields).toEqual({ '/a': ['此项为必填项'] });
    expect(validator.validate(form, {}, 'en').fields).toEqual({ '/a': ['is required'] });
    expect(validator.validate(form, {}, 'fr' as never).fields).toEqual({ '/a': ['此项为必填项'] });
  });

  it('puts errors about property names with slashes on escaped pointers', () => {
    const validator = createFormValidator();
    const form = formWith({ type: 'object', required: ['a/b'], properties: { 'a/b': { type: 'string', maxLength: 3 } } });
    expect(validator.validate(form, {}).fields).toEqual({ '/a~1b': ['此项为必填项'] });
  });

  it('keeps undeclared keys where the schema allows additional properties, and applies dependentSchemas', () => {
    const validator = createFormValidator();
    const form = formWith({
      type: 'object',
      properties: {
        tags: { type: 'object', additionalProperties: { type: 'string', maxLength: 5 } },
        hasCar: { type: 'boolean' },
      },
      dependentSchemas: { hasCar: { properties: { plate: { type: 'string', maxLength: 10 } }, required: ['plate'] } },
    });
    expect(validator.validate(form, { tags: { a: 'x', b: 'y' }, other: 1 }).data).toEqual({ tags: { a: 'x', b: 'y' } });
    expect(validator.validate(form, { hasCar: true }).fields).toEqual({ '/plate': ['此项为必填项'] });
    expect(validator.validate(form, { plate: '粤M12345' }).data).toEqual({});
  });

  it('shows a field when an if holds and its else field otherwise', () => {
    const validator = createFormValidator();
    const form = formWith({
      type: 'object',
      properties: { kind: { enum: ['a', 'b'] } },
      if: { properties: { kind: { const: 'a' } }, required: ['kind'] },
      then: { properties: { forA: { type: 'string', maxLength: 5 } } },
      else: { properties: { forB: { type: 'string', maxLength: 5 } } },
    });
    expect(validator.validate(form, { kind: 'a', forA: 'x', forB: 'y' }).data).toEqual({ kind: 'a', forA: 'x' });
    expect(validator.validate(form, { kind: 'b', forA: 'x', forB: 'y' }).data).toEqual({ kind: 'b', forB: 'y' });
  });
});
