import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import type { Locale as AntdLocale } from 'antd/es/locale';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { commonText, useLocale, useT } from '../i18n';
import { FeedbackProvider } from './FeedbackProvider';
import { REDUCED_MOTION_THEME, THEME } from './theme';

// Ant Design spaces out two-character Chinese labels ("全 部"); labels here are written as meant.
const BUTTON = { autoInsertSpace: false };

const REDUCE_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeToMotionPreference(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCE_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the device asks for less motion (a system setting, often chosen by people whom motion makes unwell). */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribeToMotionPreference, () => window.matchMedia(REDUCE_MOTION).matches, () => false);
}

/**
 * Ant Design's language, date language, AA-contrast theme, toasts and confirmations, around the pages
 * that use its widgets. It lives in the layouts rather than at the root, so the login page — the
 * first thing a weak connection has to bring — loads without Ant Design. A device that asks for reduced
 * motion gets dialogs, menus and buttons without their animations.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  // English is for visitors and developers: its texts load only when someone switches to it.
  const [enUS, setEnUS] = useState<AntdLocale | null>(null);
  useEffect(() => {
    if (locale === 'en' && !enUS) void import('antd/locale/en_US').then((m) => setEnUS(m.default));
  }, [locale, enUS]);
  const reduceMotion = usePrefersReducedMotion();
  const t = useT(commonText);
  // A search box's button is named in the page's language ("搜索"), not by its icon's English name.
  const searchLabel = t('search');
  const inputSearch = useMemo(() => ({ searchIcon: <SearchOutlined aria-label={searchLabel} /> }), [searchLabel]);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={locale === 'en' && enUS ? enUS : zhCN}
      theme={reduceMotion ? REDUCED_MOTION_THEME : THEME}
      button={BUTTON}
      inputSearch={inputSearch}
    >
      <FeedbackProvider>{children}</FeedbackProvider>
    </ConfigProvider>
  );
}
