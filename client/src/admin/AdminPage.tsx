import { lazy, Suspense } from 'react';
import { Menu, Result } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { adminText } from '../i18n/admin';
import { PageLoading } from '../layout/PageLoading';
import { useSession } from '../session/useSession';
import './admin.css';

// The editor brings React Flow and ELK: only whoever opens a definition downloads them.
const DefinitionsPage = lazy(() => import('./definitions/DefinitionsPage'));
const EditorPage = lazy(() => import('./editor/EditorPage'));
const DiffPage = lazy(() => import('./versions/DiffPage'));
const MigratePage = lazy(() => import('./versions/MigratePage'));
const FormBuilderPage = lazy(() => import('./forms/FormBuilderPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const OrgUnitsPage = lazy(() => import('./orgUnits/OrgUnitsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));

const SECTIONS = ['definitions', 'forms', 'users', 'org-units', 'audit'] as const;

/** `/admin/...`: definitions and their visual editor, the form builder, users, org units and the audit trail. */
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
          items={SECTIONS.map((key) => ({ key, label: t(`nav.${key}`) }))}
          onClick={({ key }) => navigate(`/admin/${key}`)}
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
