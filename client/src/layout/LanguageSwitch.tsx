import { commonText, useLocale, useT } from '../i18n';

/** One button: it names the language it switches to, in that language. A plain button, so the login page needs no widget library. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT(commonText);
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="jz-plain-button" lang={next} onClick={() => setLocale(next)}>
      <svg aria-hidden viewBox="0 0 16 16" width="14" height="14" className="jz-globe">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" />
        <path d="M1.5 8h13M8 1.5c-3 3.5-3 9.5 0 13M8 1.5c3 3.5 3 9.5 0 13" fill="none" stroke="currentColor" />
      </svg>
      {t('language')}
    </button>
  );
}
