import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useQuery } from 'urql';
import { Layout } from './components/Layout';
import { ErrorList, Forbidden, Loading, NotFound } from './components/States';
import { CapabilitiesProvider } from './lib/capabilities';
import { toAppErrors } from './lib/errors';
import { useI18n } from './lib/i18n';
import { MeContext, useMe } from './lib/me';
import { NoticesProvider } from './lib/notices';
import { ME } from './lib/queries';
import { homePath, routeAccess } from './lib/routes';
import { useSession } from './lib/session';
import type { Me } from './lib/types';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { ModelDetailPage } from './pages/ModelDetailPage';
import { ModelComparePage } from './pages/ModelComparePage';
import { ModelFormPage } from './pages/ModelFormPage';
import { ModelsPage } from './pages/ModelsPage';
import { NoticesPage } from './pages/NoticesPage';
import { TargetDetailPage } from './pages/TargetDetailPage';
import { TargetFormPage } from './pages/TargetFormPage';
import { TargetsPage } from './pages/TargetsPage';
import { UsersPage } from './pages/UsersPage';

// The explorer page is small (Banana Cake Pop comes from the gateway) but rarely opened: loaded on demand.
const ExplorerPage = lazy(() => import('./pages/ExplorerPage'));

export function App() {
  const { session } = useSession();
  if (!session) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<RedirectToLogin />} />
      </Routes>
    );
  }
  return (
    <CapabilitiesProvider fallback={<Loading />}>
      <SignedIn />
    </CapabilitiesProvider>
  );
}

function RedirectToLogin() {
  const location = useLocation();
  return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
}

/** Loads `me` (menus in the current locale) and renders the shell; a vanished user signs out. */
function SignedIn() {
  const { locale } = useI18n();
  const { signOut } = useSession();
  const [{ data, error }, reexecute] = useQuery({ query: ME, variables: { locale } });
  // Keep showing the last user while the menus are re-read in another locale.
  const last = useRef<Me | null>(null);
  if (data?.me) last.current = data.me;
  const me = last.current;

  const vanished = data !== undefined && data.me === null;
  useEffect(() => {
    if (vanished) signOut('expired');
  }, [vanished, signOut]);

  if (vanished) return <Loading />;
  if (!me) {
    if (error) {
      return (
        <main className="content narrow">
          <ErrorList errors={toAppErrors(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        </main>
      );
    }
    return <Loading />;
  }
  return (
    <MeContext.Provider value={me}>
      <NoticesProvider>
        <Shell />
      </NoticesProvider>
    </MeContext.Provider>
  );
}

function Shell() {
  const location = useLocation();
  const me = useMe();
  const home = homePath(me.menus);
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <Layout wide={location.pathname.startsWith('/explorer')}>
      <Routes>
        <Route path="/" element={<Navigate to={home} replace />} />
        <Route path="/login" element={<Navigate to={from && from !== '/login' ? from : home} replace />} />
        <Route element={<MenuGuard />}>
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/models" element={<ModelsPage />} />
          <Route path="/models/new" element={<ModelFormPage />} />
          <Route path="/models/compare" element={<ModelComparePage />} />
          <Route path="/models/:id" element={<ModelDetailPage />} />
          <Route path="/targets" element={<TargetsPage />} />
          <Route path="/targets/new" element={<TargetFormPage />} />
          <Route path="/targets/:id" element={<TargetDetailPage />} />
          <Route path="/approvals" element={<ApprovalsPage />} />
          <Route path="/notices" element={<NoticesPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route
            path="/explorer"
            element={
              <Suspense fallback={<Loading />}>
                <ExplorerPage />
              </Suspense>
            }
          />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

/** A page no menu of the user opens is not routable (requirement 1): the 403 view instead. */
function MenuGuard() {
  const { pathname } = useLocation();
  const me = useMe();
  return routeAccess(pathname, me.menus) === 'forbidden' ? <Forbidden /> : <Outlet />;
}
