import { createContext } from 'react';

export type Locale = 'zh-CN' | 'en';

export interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

/** Chinese is the default; English is a switch for visitors and developers. */
export const LocaleContext = createContext<LocaleState>({ locale: 'zh-CN', setLocale: () => undefined });
