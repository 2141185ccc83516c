import sharedDefs from '../../../schemas/_defs.json';
import type { Locale } from '../i18n';

interface SchemaDef {
  title?: string;
  'x-title-en'?: string;
  enum?: string[];
  'x-enumNames-en'?: string[];
  properties?: Record<string, SchemaDef>;
}

const defs = (sharedDefs as unknown as { $defs: Record<string, SchemaDef> }).$defs;

/**
 * Filter options from the same enumerations the forms use (schemas/_defs.json), so the registry
 * filters can never offer a value the records cannot hold. Values are the stored Chinese terms.
 */
export function enumOptions(name: 'town' | 'householdCategory' | 'householdStatus' | 'povertyCause', locale: Locale) {
  const def = defs[name];
  return (def.enum ?? []).map((value, i) => ({ value, label: locale === 'en' ? def['x-enumNames-en']?.[i] ?? value : value }));
}

/** The fields of a shared definition with their form labels, in the form's order. */
export function definitionFields(name: string, locale: Locale): { key: string; label: string; fields: ReturnType<typeof definitionFields> }[] {
  const properties = defs[name]?.properties ?? {};
  return Object.entries(properties).map(([key, field]) => ({
    key,
    label: (locale === 'en' ? field['x-title-en'] : field.title) ?? key,
    fields: field.properties ? nestedFields(field.properties, locale) : [],
  }));
}

function nestedFields(properties: Record<string, SchemaDef>, locale: Locale): ReturnType<typeof definitionFields> {
  return Object.entries(properties).map(([key, field]) => ({ key, label: (locale === 'en' ? field['x-title-en'] : field.title) ?? key, fields: [] }));
}
