import { Suspense, useRef } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { commonText, useT } from '../i18n';
import { shellText } from '../i18n/shell';
import { LanguageSwitch } from './LanguageSwitch';
import { OfflineBanner } from './OfflineBanner';
import { PageLoading } from './PageLoading';
import { useRouteFocus } from './useRouteFocus';
import './layout.css';

/**
 * The frame of the public notice board: no menu, no login needed. No Ant Design either: the board
 * is plain HTML for the public's phones, and the notice page brings it (with its objection form).
 */
export function PublicLayout() {
  const t = useT(commonText);
  const ts = useT(shellText);
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main, ts('siteTitle'));
  return (
    <div className="jz-app">
      <a className="jz-skip-link" href="#main">
        {ts('skipToContent')}
      </a>
      <header className="jz-header jz-no-print">
        <Link to="/notices" className="jz-brand">
          {t('county')} · {t('notices')}
        </Link>
        <div className="jz-user">
          <LanguageSwitch />
        </div>
      </header>
      <OfflineBanner />
      <main className="jz-content" id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
