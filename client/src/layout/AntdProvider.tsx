import { useEffect, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { Locale as AntdLocale } from 'antd/es/locale';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLocale } from '../i18n';
import { FeedbackProvider } from './FeedbackProvider';
import { THEME } from './theme';

// Ant Design spaces out two-character Chinese labels ("全 部"); labels here are written as meant.
const BUTTON = { autoInsertSpace: false };

/**
 * Ant Design's language, date language, AA-contrast theme, toasts and confirmations, around the pages
 * that use its widgets. It lives in the layouts rather than at the root, so the login page — the
 * first thing a weak connection has to bring — loads without Ant Design.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  // English is for visitors and developers: its texts load only when someone switches to it.
  const [enUS, setEnUS] = useState<AntdLocale | null>(null);
  useEffect(() => {
    if (locale === 'en' && !enUS) void import('antd/locale/en_US').then((m) => setEnUS(m.default));
  }, [locale, enUS]);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={locale === 'en' && enUS ? enUS : zhCN} theme={THEME} button={BUTTON}>
      <FeedbackProvider>{children}</FeedbackProvider>
    </ConfigProvider>
  );
}
