import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { PageLoading } from '../layout/PageLoading';
import { useSession } from './useSession';

/** Sends anonymous visitors to the login page and brings them back to the page they asked for. */
export function RequireLogin() {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (status === 'anonymous') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
