import { Suspense } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { commonText, useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { PageLoading } from './PageLoading';
import './layout.css';

/** The frame of the public notice board: no menu, no login needed. */
export function PublicLayout() {
  const t = useT(commonText);
  return (
    <div className="jz-app">
      <header className="jz-header jz-no-print">
        <Link to="/notices" className="jz-brand">
          {t('county')} · {t('notices')}
        </Link>
        <div className="jz-user">
          <LanguageSwitch />
        </div>
      </header>
      <main className="jz-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
