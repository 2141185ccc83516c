import { lazy, Suspense } from 'react';
import { Menu } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { adminText } from '../i18n/admin';
import { PageLoading } from '../layout/PageLoading';
import { useSession } from '../session/useSession';
import './admin.css';

// Each admin page is its own chunk: the definitions list does not bring the editor's diagram (ELK and React Flow).
const AuditPage = lazy(() => import('./audit/AuditPage'));
const BlockEditorPage = lazy(() => import('./forms/BlockEditorPage'));
const DefinitionsPage = lazy(() => import('./definitions/DefinitionsPage'));
const EditorPage = lazy(() => import('./editor/EditorPage'));
const FormBuilderPage = lazy(() => import('./forms/FormBuilderPage'));
const OrgUnitsPage = lazy(() => import('./orgUnits/OrgUnitsPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const DiffPage = lazy(() => import('./versions/DiffPage'));
const MigratePage = lazy(() => import('./versions/MigratePage'));

const SECTIONS = ['definitions', 'forms', 'blocks', 'users', 'org-units', 'audit'] as const;

/**
 * `/admin/...`: definitions and their visual editor, the form builder, users, org units and the
 * audit trail, each page a lazy chunk of its own, so none of this reaches the clerk and the list
 * loads without the editor.
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
    return (
      <div className="jz-empty">
        <h1>{t('title')}</h1>
        <p>{t('adminOnly')}</p>
      </div>
    );
  }
  return (
    <div className="jz-admin">
      {isAdmin && (
        <Menu
          className="jz-admin-menu"
          mode="horizontal"
          // Every section stays a reachable item (scrolled sideways on a phone): antd's overflow
          // folder leaves hidden copies that are still focusable (axe aria-hidden-focus).
          disabledOverflow
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
          <Route path="blocks" element={<BlockEditorPage />} />
          <Route path="blocks/:name" element={<BlockEditorPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="org-units" element={<OrgUnitsPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<p className="jz-empty">{t('notFound')}</p>} />
        </Routes>
      </Suspense>
    </div>
  );
}
