import { Suspense } from 'react';
import { Menu, Result } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { adminText } from '../i18n/admin';
import { PageLoading } from '../layout/PageLoading';
import { useSession } from '../session/useSession';
import './admin.css';
import AuditPage from './audit/AuditPage';
import DefinitionsPage from './definitions/DefinitionsPage';
import EditorPage from './editor/EditorPage';
import FormBuilderPage from './forms/FormBuilderPage';
import OrgUnitsPage from './orgUnits/OrgUnitsPage';
import UsersPage from './users/UsersPage';
import DiffPage from './versions/DiffPage';
import MigratePage from './versions/MigratePage';

const SECTIONS = ['definitions', 'forms', 'users', 'org-units', 'audit'] as const;

/**
 * `/admin/...`: definitions and their visual editor, the form builder, users, org units and the
 * audit trail. The admin pages are one lazy chunk of their own (App.tsx, vite.config.ts), so none
 * of this reaches the clerk; inside it they are imported statically, because a dynamic import from
 * within that chunk group makes the build emit a chunk that fails to load.
 */
export default function AdminPage() {
  const t = useT(adminText);
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const roles = user?.roles ?? [];
  const section = location.pathname.split('/')[2] ?? 'definitions';
  const isAdmin = roles.includes('admin');
  // Inspectors read the audit trail; everything else is the admin's.
  if (!isAdmin && !(roles.includes('inspector') && section === 'audit')) {
    return <Result status="403" title={t('title')} subTitle={t('adminOnly')} />;
  }
  return (
    <div className="jz-admin">
      {isAdmin && (
        <Menu
          className="jz-admin-menu"
          mode="horizontal"
          selectedKeys={[section]}
          items={[
            ...SECTIONS.map((key) => ({ key, label: t(`nav.${key}`) })),
            // The queue dashboard (bull-board) is a server page, not a route of this app: a plain link.
            { key: 'queues', label: <a href="/admin/queues" target="_blank" rel="noopener">{t('nav.queues')}</a> },
          ]}
          onClick={({ key }) => { if (key !== 'queues') void navigate(`/admin/${key}`); }}
        />
      )}
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route index element={<Navigate to="definitions" replace />} />
          <Route path="definitions" element={<DefinitionsPage />} />
          <Route path="definitions/:key/versions/:version" element={<EditorPage />} />
          <Route path="definitions/:key/diff" element={<DiffPage />} />
          <Route path="definitions/:key/migrate" element={<MigratePage />} />
          <Route path="forms" element={<FormBuilderPage />} />
          <Route path="forms/:key" element={<FormBuilderPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="org-units" element={<OrgUnitsPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<Result status="404" title={t('notFound')} />} />
        </Routes>
      </Suspense>
    </div>
  );
}
