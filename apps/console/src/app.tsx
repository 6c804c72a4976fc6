import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { I18nProvider, useI18n } from './i18n/i18n';
import { EntitiesPage } from './pages/entities/entities-page';
import { EntityPage } from './pages/entity/entity-page';
import { HistoryPage } from './pages/history/history-page';
import { RecordPage } from './pages/record/record-page';
import { RegisterCardPage } from './pages/register/register-card-page';
import { RegisterSearchPage } from './pages/register/register-search-page';
import { SignInPage } from './pages/sign-in-page';
import { SessionProvider, useSession } from './session/session';
import { Layout } from './ui/layout';
import { Loading } from './ui/loading';
import { PageTitle } from './ui/page-title';
import { consolePath } from './ui/paths';

const base = import.meta.env.BASE_URL.replace(/\/$/, '');

/** The first page of each role; the sign-in page for a visitor (or the register, when it is open to all). */
function Home() {
  const { caller, publicRegister } = useSession();
  const { route } = useLocation();
  useEffect(() => {
    if (caller === null) return;
    if (caller === undefined) route(consolePath(publicRegister ? 'register' : 'sign-in'), true);
    else route(consolePath(caller.role === 'registry' ? 'register' : 'entities'), true);
  }, [caller, publicRegister, route]);
  return <Loading />;
}

function NotFound() {
  const { t } = useI18n();
  return <PageTitle>{t('app.notFound')}</PageTitle>;
}

/** Pages that need a key send a visitor to sign in. */
function Keyed({ page: Page }: { page: () => preact.JSX.Element }) {
  const { caller } = useSession();
  const { route } = useLocation();
  useEffect(() => {
    if (caller === undefined) route(consolePath('sign-in'), true);
  }, [caller, route]);
  return caller ? <Page /> : <Loading />;
}

const Entities = () => <Keyed page={EntitiesPage} />;
const Entity = () => <Keyed page={EntityPage} />;
const Record = () => <Keyed page={RecordPage} />;
const History = () => <Keyed page={HistoryPage} />;

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <LocationProvider scope={base}>
          <Layout>
            <Router>
              <Route path={`${base}/`} component={Home} />
              <Route path={`${base}/sign-in`} component={SignInPage} />
              <Route path={`${base}/entities`} component={Entities} />
              <Route path={`${base}/entities/:bin`} component={Entity} />
              <Route path={`${base}/entities/:bin/record`} component={Record} />
              <Route path={`${base}/entities/:bin/record/:fact`} component={Record} />
              <Route path={`${base}/entities/:bin/history`} component={History} />
              <Route path={`${base}/register`} component={RegisterSearchPage} />
              <Route path={`${base}/register/:bin`} component={RegisterCardPage} />
              <Route default component={NotFound} />
            </Router>
          </Layout>
        </LocationProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
