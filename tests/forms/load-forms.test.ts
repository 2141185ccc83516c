import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createFormDocument, inlineSharedDefs } from '../../server/src/forms';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';

const SCHEMA_URI = 'https://json-schema.org/draft/2020-12/schema';
const SHARED = {
  $defs: {
    name: { type: 'string', maxLength: 30 },
    person: { type: 'object', properties: { name: { $ref: '#/$defs/name' } } },
    unused: { type: 'integer' },
  },
};

let dir: string;

function write(path: string, content: unknown): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), JSON.stringify(content));
}

function formFile(schema: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { title: { zh: '表单', en: 'Form' }, schema: { $schema: SCHEMA_URI, ...schema }, uiSchema: {}, ...extra };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jz-forms-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadFormsFromDir', () => {
  it('names forms after their folder and file, defaults the version to 1 and skips folders starting with _', () => {
    write('_defs.json', SHARED);
    write('household-exit/townReview.json', formFile({ type: 'object' }, { version: 3 }));
    write('common/comment.json', formFile({ type: 'object' }));
    write('_drafts/ignored.json', formFile({ type: 'object' }));
    write('household-exit/notes.txt', 'not a form');
    const forms = loadFormsFromDir(dir);
    expect(forms.map((f) => [f.key, f.version])).toEqual([['common.comment', 1], ['household-exit.townReview', 3]]);
    expect(forms[0].title).toEqual({ zh: '表单', en: 'Form' });
  });

  it('inlines the shared definitions a form uses, directly or through other definitions, and no others', () => {
    write('_defs.json', SHARED);
    write('p/step.json', formFile({ type: 'object', properties: { head: { $ref: '#/$defs/person' } } }));
    const [form] = loadFormsFromDir(dir);
    expect(Object.keys(form.schema.$defs as object)).toEqual(['name', 'person']);
  });

  it('says which file and what to fix when a form is malformed', () => {
    write('p/step.json', { title: { zh: '表单' }, schema: { type: 'object' } });
    expect(() => loadFormsFromDir(dir)).toThrow(/p[/\\]step\.json: Form p\.step needs "title": \{ "zh": "\.\.\.", "en": "\.\.\." \}/);
  });

  it('says which file cannot be parsed', () => {
    mkdirSync(join(dir, 'p'));
    writeFileSync(join(dir, 'p', 'step.json'), '{ "title": ');
    expect(() => loadFormsFromDir(dir)).toThrow(/Cannot read form file .*step\.json/);
  });

  it('refuses a reference to a definition that exists nowhere', () => {
    write('_defs.json', SHARED);
    write('p/step.json', formFile({ type: 'object', properties: { a: { $ref: '#/$defs/missing' } } }));
    expect(() => loadFormsFromDir(dir)).toThrow(/Form p\.step refers to #\/\$defs\/missing, which neither the form nor schemas\/_defs\.json defines/);
  });
});

describe('createFormDocument', () => {
  it('refuses keys that are not <definitionKey>.<stateId>, versions below 1 and references to other files', () => {
    const source = formFile({ type: 'object' });
    expect(() => createFormDocument('Household.Application', source)).toThrow(/is not valid/);
    expect(() => createFormDocument('p.step', { ...source, version: 0 })).toThrow(/whole number from 1 up/);
    expect(() => createFormDocument('p.step', formFile({ $ref: 'other.json#/x' }))).toThrow(/only references inside the form/);
  });

  it('refuses an own definition that shadows a shared one', () => {
    expect(() => inlineSharedDefs({ $defs: { name: { type: 'string' } } }, SHARED.$defs, 'p.step')).toThrow(/defines \$defs\/name/);
  });
});
