import type { Localizer } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';

import { createLocalizer } from './create-localizer';
import { createRjsfValidator } from './create-rjsf-validator';
import { createHiddenFieldDropper } from './create-hidden-field-dropper';
import type { FormDocument, FormValidator, Locale } from './form-document';
import { toFieldErrors } from './to-field-errors';
import { buildVisibilityPlan, type CompileCondition } from './visibility-plan';

interface CompiledForm {
  /** A private copy: AJV's compiled code must not go stale if the caller mutates its object. */
  schema: Record<string, unknown>;
  json: string;
  dropHiddenFields: (data: unknown) => unknown;
  /** Schema objects from callers known to equal `schema`, so they skip the comparison. */
  aliases: WeakSet<object>;
  /** Compiled `if` schemas, removed from AJV with the form. */
  conditions: object[];
}

/**
 * Creates the server's validator. Each form is compiled once per `key@version`; a schema object
 * that differs from the compiled one (a draft edited in place) is recompiled.
 * Validation first drops the values of hidden and undeclared fields, then runs AJV on what is left,
 * so a field the user cannot see never makes a submission invalid.
 */
export function createFormValidator(): FormValidator {
  const rjsf = createRjsfValidator();
  const localizers: Record<Locale, Localizer> = { 'zh-CN': createLocalizer('zh-CN'), en: createLocalizer('en') };
  const compiled = new Map<string, CompiledForm>();

  const compileForm = (id: string, source: Record<string, unknown>, json: string): CompiledForm => {
    const schema = JSON.parse(json) as Record<string, unknown>;
    const conditions: object[] = [];
    const compileCondition: CompileCondition = (condition, root) => {
      // An `if` with a `$ref` needs the form's `$defs` beside it to resolve.
      const self = JSON.stringify(condition).includes('"$ref"') ? { ...condition, $defs: root.$defs } : condition;
      conditions.push(self);
      const test = rjsf.ajv.compile(self);
      return (value) => test(value) as boolean;
    };
    try {
      rjsf.ajv.compile(schema);
      const dropHiddenFields = createHiddenFieldDropper(buildVisibilityPlan(schema, compileCondition));
      return { schema, json, dropHiddenFields, aliases: new WeakSet([source]), conditions };
    } catch (error) {
      rjsf.ajv.removeSchema(schema);
      for (const condition of conditions) rjsf.ajv.removeSchema(condition);
      throw new Error(`Form ${id} has an invalid schema: ${(error as Error).message}. Fix the schema and publish it as a new version.`, { cause: error });
    }
  };

  const compiledFor = (form: FormDocument): CompiledForm => {
    const id = `${form.key}@${form.version}`;
    const known = compiled.get(id);
    if (known !== undefined && known.aliases.has(form.schema)) return known;
    const json = JSON.stringify(form.schema);
    if (known !== undefined && known.json === json) {
      known.aliases.add(form.schema);
      return known;
    }
    if (known !== undefined) {
      rjsf.ajv.removeSchema(known.schema);
      for (const condition of known.conditions) rjsf.ajv.removeSchema(condition);
    }
    const fresh = compileForm(id, form.schema, json);
    compiled.set(id, fresh);
    return fresh;
  };

  return {
    validate(form, data, locale = 'zh-CN') {
      const entry = compiledFor(form);
      const cleaned = entry.dropHiddenFields(data);
      const { errors, validationError } = rjsf.rawValidation<ErrorObject>(entry.schema, cleaned);
      if (validationError !== undefined) {
        throw new Error(`Form ${form.key}@${form.version} could not check the data: ${validationError.message}`);
      }
      if (errors === undefined || errors.length === 0) return { valid: true, fields: {}, data: cleaned };
      (localizers[locale] ?? localizers['zh-CN'])(errors);
      return { valid: false, fields: toFieldErrors(errors), data: cleaned };
    },
  };
}
