import type { ComponentType } from 'preact';
import { I18nProvider } from './i18n/context.tsx';
import { CabinetPage } from './pages/cabinet.tsx';
import { HomePage } from './pages/home.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { ParentLoginPage } from './pages/parent-login.tsx';
import { StaffLoginPage } from './pages/staff-login.tsx';
import { StaffPage } from './pages/staff.tsx';
import { usePath } from './router.tsx';

const pages: Readonly<Record<string, ComponentType>> = {
  '/': HomePage,
  '/login': ParentLoginPage,
  '/cabinet': CabinetPage,
  '/staff/login': StaffLoginPage,
  '/staff': StaffPage,
};

function CurrentPage() {
  const path = usePath();
  // A trailing slash is the same page; the key remounts a page when its path is entered anew.
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const Page = pages[normalised] ?? NotFoundPage;
  return <Page key={normalised} />;
}

export function App() {
  return (
    <I18nProvider>
      <CurrentPage />
    </I18nProvider>
  );
}
