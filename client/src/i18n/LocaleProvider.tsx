import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setRequestLanguage } from '../api';
import { FeedbackProvider } from '../layout/FeedbackProvider';
import { LocaleContext, type Locale } from './LocaleContext';

const STORAGE_KEY = 'jz.locale';
const THEME = { token: { colorPrimary: '#b7312c', borderRadius: 4 } };
// Ant Design spaces out two-character Chinese labels ("全 部"); labels here are written as meant.
const BUTTON = { autoInsertSpace: false };

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** Applies the language to Ant Design, dayjs, the page and the API's error messages. */
function applyLocale(locale: Locale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
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
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME} button={BUTTON}>
        <FeedbackProvider>{children}</FeedbackProvider>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}
