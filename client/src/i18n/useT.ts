import type { LocalizedText } from '@shared/contract';
import { useCallback } from 'react';
import { fill, localizeText, type Catalog } from './catalog';
import { useLocale } from './useLocale';

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/**
 * Messages of one feature catalog in the current language.
 * @example const t = useT(inboxText); t('claimed', { n: 3 })
 */
export function useT<K extends string>(catalog: Catalog<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback((key: K, vars?: Record<string, string | number>) => fill(catalog[locale][key], vars), [catalog, locale]);
}

/** Localises definition labels (`{ zh, en }`) in the current language. */
export function useLocalize(): (text: LocalizedText | undefined) => string {
  const { locale } = useLocale();
  return useCallback((text: LocalizedText | undefined) => localizeText(text, locale), [locale]);
}
