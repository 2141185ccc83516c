import { Suspense, useRef } from 'react';
import { Button } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { commonText, useT } from '../i18n';
import { shellText } from '../i18n/shell';
import { OutboxWatcher } from '../offline';
import { useSession } from '../session/useSession';
import { AntdProvider } from './AntdProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { MessageBell } from '../messages/MessageBell';
import { OfflineBanner } from './OfflineBanner';
import { PageLoading } from './PageLoading';
import { navItemsFor } from './navItems';
import { useRouteFocus } from './useRouteFocus';
import './layout.css';

/**
 * The frame of every logged-in page: a skip link, links by role, who is logged in, language,
 * logout. Plain links rather than a menu widget; on phones they become a tab bar at the bottom of
 * the screen, in the thumb's reach, and the header keeps only the user's actions.
 */
export function AppLayout() {
  const t = useT(commonText);
  const ts = useT(shellText);
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main, ts('siteTitle'));
  const items = navItemsFor(user);

  return (
    <AntdProvider>
      <div className="jz-app jz-app-tabbed">
        <a className="jz-skip-link" href="#main">
          {ts('skipToContent')}
        </a>
        <header className="jz-header">
          <Link to="/inbox" className="jz-brand">
            <span className="jz-brand-collapsible">{t('county')} · </span>
            {t('appName')}
          </Link>
          <nav className="jz-nav" aria-label={ts('mainNav')}>
            {items.map((item) => (
              <NavLink key={item.key} to={item.path} className="jz-nav-link">
                {t(item.key)}
              </NavLink>
            ))}
          </nav>
          <div className="jz-user">
            <span className="jz-user-name">
              {user?.displayName} · {user?.orgUnitName}
            </span>
            <MessageBell />
            <LanguageSwitch />
            <Button
              type="text"
              icon={<LogoutOutlined aria-hidden />}
              aria-label={t('logout')}
              title={t('logout')}
              onClick={() => void logout().then(() => navigate('/login'))}
            />
          </div>
        </header>
        <OfflineBanner />
        <OutboxWatcher />
      <main className="jz-content" id="main" ref={main} tabIndex={-1}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
        <nav className="jz-tabbar jz-no-print" aria-label={ts('tabBar')}>
          {navItemsFor(user, 'tabs').map((item) => (
            <NavLink key={item.key} to={item.path} className="jz-tab">
              {t(item.key)}
            </NavLink>
          ))}
        </nav>
      </div>
    </AntdProvider>
  );
}
