import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from '../api';
import { LocaleContext, type Locale } from './LocaleContext';

const STORAGE_KEY = 'jz.locale';

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** Applies the language to the page and the API's error messages (Ant Design's and dayjs' follow in layout/AntdProvider). */
function applyLocale(locale: Locale): void {
  setRequestLanguage(locale);
  document.documentElement.lang = locale;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const first = initialLocale();
    applyLocale(first);
    return first;
  });
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  useEffect(() => applyLocale(locale), [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}
