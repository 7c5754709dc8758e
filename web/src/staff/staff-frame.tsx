import type { ComponentChildren } from 'preact';
import type { Identity } from '../api-types.ts';
import { Layout } from '../components/layout.tsx';
import { Link, usePath } from '../router.tsx';
import { useStaffI18n } from './i18n/context.ts';

/** The console's sections; the current one is marked for screen readers too. */
function StaffNav() {
  const { s } = useStaffI18n();
  const path = usePath();
  const items = [
    { href: '/staff', label: s.nav.kindergartens, qa: 'nav-kindergartens' },
    { href: '/staff/queue', label: s.nav.queue, qa: 'nav-queue' },
    { href: '/staff/applications/new', label: s.nav.register, qa: 'nav-register' },
    { href: '/staff/import', label: s.nav.import, qa: 'nav-import' },
    { href: '/staff/campaigns', label: s.nav.campaigns, qa: 'nav-campaigns' },
    { href: '/staff/audit', label: s.nav.audit, qa: 'nav-audit' },
  ];
  return (
    <nav class="staff-nav" aria-label={s.nav.label} data-qa="staff-nav">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={path === item.href ? 'page' : undefined} data-qa={item.qa}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The frame of every staff page: the site layout with the console's navigation. */
export function StaffFrame({ identity, children }: { identity: Identity | undefined; children: ComponentChildren }) {
  return (
    <Layout identity={identity}>
      <StaffNav />
      {children}
    </Layout>
  );
}
