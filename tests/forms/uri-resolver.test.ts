import { customizeValidator, type CustomValidatorOptionsType } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import * as fastUri from 'fast-uri';

import browserUri from '../../client/src/forms/uriResolver';
import { createRjsfValidator } from '../../server/src/forms';
import { customFormats } from '../../server/src/forms/custom-formats';
import { extendAjv } from '../../server/src/forms/extend-ajv';
import { allForms } from './form-fixtures';

// RFC 3986 §5.4.1 and §5.4.2: every reference against the RFC's own base.
const RFC_BASE = 'http://a/b/c/d;p?q';
const RFC_EXAMPLES: [string, string][] = [
  ['g:h', 'g:h'], ['g', 'http://a/b/c/g'], ['./g', 'http://a/b/c/g'], ['g/', 'http://a/b/c/g/'], ['/g', 'http://a/g'],
  ['//g', 'http://g'], ['?y', 'http://a/b/c/d;p?y'], ['g?y', 'http://a/b/c/g?y'], ['#s', 'http://a/b/c/d;p?q#s'],
  ['g#s', 'http://a/b/c/g#s'], ['g?y#s', 'http://a/b/c/g?y#s'], [';x', 'http://a/b/c/;x'], ['g;x', 'http://a/b/c/g;x'],
  ['g;x?y#s', 'http://a/b/c/g;x?y#s'], ['', 'http://a/b/c/d;p?q'], ['.', 'http://a/b/c/'], ['./', 'http://a/b/c/'],
  ['..', 'http://a/b/'], ['../', 'http://a/b/'], ['../g', 'http://a/b/g'], ['../..', 'http://a/'], ['../../', 'http://a/'],
  ['../../g', 'http://a/g'], ['../../../g', 'http://a/g'], ['../../../../g', 'http://a/g'], ['/./g', 'http://a/g'],
  ['/../g', 'http://a/g'], ['g.', 'http://a/b/c/g.'], ['.g', 'http://a/b/c/.g'], ['g..', 'http://a/b/c/g..'],
  ['..g', 'http://a/b/c/..g'], ['./../g', 'http://a/b/g'], ['./g/.', 'http://a/b/c/g/'], ['g/./h', 'http://a/b/c/g/h'],
  ['g/../h', 'http://a/b/c/h'], ['g;x=1/./y', 'http://a/b/c/g;x=1/y'], ['g;x=1/../y', 'http://a/b/c/y'],
  ['g?y/./x', 'http://a/b/c/g?y/./x'], ['g?y/../x', 'http://a/b/c/g?y/../x'], ['g#s/./x', 'http://a/b/c/g#s/./x'],
  ['g#s/../x', 'http://a/b/c/g#s/../x'],
];

// What AJV meets: no base, local pointers (some with non-ASCII or escaped names), and schema ids.
const AJV_CASES: [string, string][] = [
  ['', ''], ['', '#'], ['', '#/$defs/household'], ['', '#/$defs/户主'], ['', '#/$defs/a%20b'], ['', '#/properties/a~1b'],
  ['https://jz.example/schemas/app.json', '#/$defs/date'], ['https://jz.example/schemas/app.json', 'defs.json#/$defs/x'],
  ['https://JZ.Example/schemas/app.json#', 'other.json'], ['urn:jz:form', '#/$defs/x'], ['', 'https://jz.example/a/../b.json#c'],
];

const URIS = ['', '#', '#/$defs/x', '#/$defs/户主', 'https://jz.example:8443/a/./b/../c.json?x=1#/y', 'HTTP://User@Host.COM/p', 'urn:jz:form', 'defs.json#/a b', '/abs/../path'];

describe('the browser URI resolver (client/src/forms/uriResolver.ts, in place of fast-uri)', () => {
  it('resolves the RFC 3986 examples as the RFC and fast-uri do', () => {
    for (const [reference, expected] of RFC_EXAMPLES) {
      expect([reference, browserUri.resolve(RFC_BASE, reference)]).toEqual([reference, expected]);
      expect([reference, browserUri.resolve(RFC_BASE, reference)]).toEqual([reference, fastUri.resolve(RFC_BASE, reference)]);
    }
  });

  it('resolves, writes back and compares the references AJV and rjsf meet exactly as fast-uri does', () => {
    for (const [base, reference] of AJV_CASES) {
      expect([base, reference, browserUri.resolve(base, reference)]).toEqual([base, reference, fastUri.resolve(base, reference)]);
    }
    for (const uri of URIS) {
      expect([uri, browserUri.serialize(browserUri.parse(uri))]).toEqual([uri, fastUri.serialize(fastUri.parse(uri))]);
      expect([uri, browserUri.parse(uri).fragment]).toEqual([uri, fastUri.parse(uri).fragment]);
    }
    // rjsf compares a schema's `$id` with a `$ref` through `equal`.
    for (const a of URIS) {
      for (const b of [...URIS, 'https://JZ.example:8443/a/c.json?x=1#/y', 'http://user@host.com/p', '#/$defs/%E6%88%B7%E4%B8%BB']) {
        expect([a, b, browserUri.equal(a, b)]).toEqual([a, b, fastUri.equal(a, b)]);
      }
    }
  });

  it('gives every form of schemas/ the same verdicts and errors as the server validator', () => {
    const server = createRjsfValidator();
    const browser = customizeValidator({
      AjvClass: Ajv2020 as unknown as CustomValidatorOptionsType['AjvClass'],
      customFormats,
      ajvOptionsOverrides: { allErrors: true, verbose: true, uriResolver: browserUri },
      extenderFn: extendAjv,
    });
    const shape = (errors: ErrorObject[] | undefined) => (errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({ instancePath, schemaPath, keyword, params, message }));
    let compared = 0;
    for (const form of allForms()) {
      const example = (form.schema.examples as Record<string, unknown>[])[0];
      // The example, an empty submission and one with every top-level value replaced by a wrong type.
      const broken = Object.fromEntries(Object.keys(example).map((key) => [key, typeof example[key] === 'string' ? 12 : 'x']));
      for (const data of [example, {}, broken]) {
        const expected = server.rawValidation<ErrorObject>(form.schema, data);
        const actual = browser.rawValidation<ErrorObject>(form.schema, data);
        expect([form.key, actual.validationError?.message]).toEqual([form.key, expected.validationError?.message]);
        expect([form.key, shape(actual.errors)]).toEqual([form.key, shape(expected.errors)]);
        compared += 1;
      }
      expect([form.key, server.rawValidation(form.schema, {}).errors?.length ?? 0]).not.toEqual([form.key, 0]);
    }
    expect(compared).toBe(allForms().length * 3);
  });
});
