import { Suspense } from 'react';
import { Button } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { commonText, useT } from '../i18n';
import { useSession } from '../session/useSession';
import { LanguageSwitch } from './LanguageSwitch';
import { PageLoading } from './PageLoading';
import { navItemsFor } from './navItems';
import './layout.css';

/**
 * The frame of every logged-in page: links by role, who is logged in, language, logout. Plain
 * links rather than a menu widget: at 360 px they scroll sideways and every entry stays one tap away.
 */
export function AppLayout() {
  const t = useT(commonText);
  const { user, logout } = useSession();
  const navigate = useNavigate();

  return (
    <div className="jz-app">
      <header className="jz-header">
        <Link to="/inbox" className="jz-brand jz-brand-collapsible">
          {t('county')} · {t('appName')}
        </Link>
        <nav className="jz-nav" aria-label={t('appName')}>
          {navItemsFor(user).map((item) => (
            <NavLink key={item.key} to={item.path} className="jz-nav-link">
              {t(item.key)}
            </NavLink>
          ))}
        </nav>
        <div className="jz-user">
          <span className="jz-user-name">
            {user?.displayName} · {user?.orgUnitName}
          </span>
          <LanguageSwitch />
          <Button
            type="text"
            size="small"
            icon={<LogoutOutlined />}
            aria-label={t('logout')}
            title={t('logout')}
            onClick={() => void logout().then(() => navigate('/login'))}
          />
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
