import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { PageLoading } from './layout/PageLoading';
import { RequireLogin } from './session/RequireLogin';

// Every page is its own chunk: a clerk never downloads the dashboard, the public never the inbox.
// The layouts too: they bring Ant Design, which the login page does without.
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const PublicLayout = lazy(() => import('./layout/PublicLayout').then((m) => ({ default: m.PublicLayout })));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const LoginPage = lazy(() => import('./session/LoginPage'));
const InboxPage = lazy(() => import('./inbox/InboxPage'));
const TaskPage = lazy(() => import('./tasks/TaskPage'));
const NewApplicationPage = lazy(() => import('./applications/NewApplicationPage'));
const NoticeBoardPage = lazy(() => import('./notices/NoticeBoardPage'));
const NoticePage = lazy(() => import('./notices/NoticePage'));
const ObjectionLookupPage = lazy(() => import('./notices/ObjectionLookupPage'));
const HouseholdsPage = lazy(() => import('./households/HouseholdsPage'));
const HouseholdPage = lazy(() => import('./households/HouseholdPage'));
const HelpCardPrintPage = lazy(() => import('./households/HelpCardPrintPage'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));
const VillagesPage = lazy(() => import('./villages/VillagesPage'));
const VillagePage = lazy(() => import('./villages/VillagePage'));
const FundReportPage = lazy(() => import('./funds/FundReportPage'));
const PairingsPage = lazy(() => import('./pairings/PairingsPage'));
const CasesPage = lazy(() => import('./cases/CasesPage'));
const CasePage = lazy(() => import('./cases/CasePage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const MessagesPage = lazy(() => import('./messages/MessagesPage'));

/** The stable routes of DESIGN.md: people share and print these links. */
export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<PublicLayout />}>
            <Route path="/notices" element={<NoticeBoardPage />} />
            <Route path="/notices/:id" element={<NoticePage />} />
            <Route path="/objections/lookup" element={<ObjectionLookupPage />} />
          </Route>
          <Route element={<RequireLogin />}>
            {/* The printable card stands without the app's menu, so it prints as the paper card. */}
            <Route path="/households/:id/card" element={<HelpCardPrintPage />} />
            <Route element={<AppLayout />}>
              <Route path="/inbox" element={<InboxPage />} />
              <Route path="/tasks/:id" element={<TaskPage />} />
              <Route path="/applications/new" element={<NewApplicationPage />} />
              <Route path="/households" element={<HouseholdsPage />} />
              <Route path="/households/:id" element={<HouseholdPage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/villages" element={<VillagesPage />} />
              <Route path="/villages/:id" element={<VillagePage />} />
              <Route path="/funds" element={<FundReportPage />} />
              <Route path="/pairings" element={<PairingsPage />} />
              <Route path="/messages" element={<MessagesPage />} />
              <Route path="/cases" element={<CasesPage />} />
              <Route path="/cases/mine" element={<CasesPage view="mine" />} />
              <Route path="/cases/handled" element={<CasesPage view="handled" />} />
              <Route path="/cases/:id" element={<CasePage />} />
              <Route path="/admin/*" element={<AdminPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
          <Route path="/" element={<Navigate to="/inbox" replace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
