import type { ComponentType } from 'preact';
import { I18nProvider } from './i18n/context.tsx';
import { CabinetPage } from './pages/cabinet.tsx';
import { HomePage } from './pages/home.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { ParentLoginPage } from './pages/parent-login.tsx';
import { StaffLoginPage } from './pages/staff-login.tsx';
import { StaffSetPasswordPage } from './pages/staff-set-password.tsx';
import { usePath } from './router.tsx';
import { StaffConsoleLoader } from './staff-loader.tsx';
import { SurveyPageLoader, SurveyViewPageLoader } from './survey-loader.tsx';

const pages: Readonly<Record<string, ComponentType>> = {
  '/': HomePage,
  '/login': ParentLoginPage,
  '/cabinet': CabinetPage,
  '/survey': SurveyPageLoader,
  '/survey/view': SurveyViewPageLoader,
  '/staff/login': StaffLoginPage,
  '/staff/set-password': StaffSetPasswordPage,
};

function CurrentPage() {
  const path = usePath();
  // A trailing slash is the same page; the key remounts a page when its path is entered anew.
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const Page = pages[normalised];
  if (Page) return <Page key={normalised} />;
  // Every other staff path belongs to the console, which is loaded on demand.
  if (normalised === '/staff' || normalised.startsWith('/staff/')) return <StaffConsoleLoader key={normalised} path={normalised} />;
  return <NotFoundPage key={normalised} />;
}

export function App() {
  return (
    <I18nProvider>
      <CurrentPage />
    </I18nProvider>
  );
}
