import type { LocalizedText } from '@shared/contract';
import type { Locale } from './LocaleContext';

/** A feature's messages: zh-CN first, en with exactly the same keys. */
export type Catalog<K extends string> = { 'zh-CN': Record<K, string>; en: Record<K, string> };

export function defineCatalog<K extends string>(catalog: { 'zh-CN': Record<K, string>; en: Record<NoInfer<K>, string> }): Catalog<K> {
  return catalog;
}

/** Replaces `{name}` placeholders. */
export function fill(message: string, vars?: Record<string, string | number>): string {
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A definition label in the current language, falling back to the other one rather than to nothing. */
export function localizeText(text: LocalizedText | undefined, locale: Locale): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return (locale === 'en' ? text.en ?? text.zh : text.zh ?? text.en) ?? '';
}
