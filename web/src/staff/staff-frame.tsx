import type { ComponentChildren } from 'preact';
import type { Identity } from '../api-types.ts';
import { Layout } from '../components/layout.tsx';
import { Link, usePath } from '../router.tsx';
import { useStaffI18n } from './i18n/context.ts';

/** The console's sections; the current one is marked for screen readers too. */
function StaffNav({ identity }: { identity: Identity | undefined }) {
  const { s } = useStaffI18n();
  const path = usePath();
  // Each section needs the action that loads it; the API says which the staff member's role allows.
  const items = [
    { href: '/staff', label: s.nav.kindergartens, qa: 'nav-kindergartens', action: 'staff-kindergartens' },
    { href: '/staff/queue', label: s.nav.queue, qa: 'nav-queue', action: 'staff-queue' },
    { href: '/staff/search', label: s.nav.search, qa: 'nav-search', action: 'staff-search-applications' },
    { href: '/staff/applications/new', label: s.nav.register, qa: 'nav-register', action: 'staff-register-application' },
    { href: '/staff/import', label: s.nav.import, qa: 'nav-import', action: 'staff-import-rows' },
    { href: '/staff/campaigns', label: s.nav.campaigns, qa: 'nav-campaigns', action: 'staff-campaigns' },
    { href: '/staff/unreachable', label: s.nav.unreachable, qa: 'nav-unreachable', action: 'staff-unreachable-parents' },
    { href: '/staff/accounts', label: s.nav.staff, qa: 'nav-staff', action: 'staff-accounts' },
    { href: '/staff/settings', label: s.nav.settings, qa: 'nav-settings', action: 'staff-settings' },
    { href: '/staff/audit', label: s.nav.audit, qa: 'nav-audit', action: 'staff-audit-events' },
  ].filter((item) => may(identity, item.action));
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

/**
 * Whether the logged-in person may take an action (a handler name of the route table), as
 * `/api/me` tells: the page never repeats the role rules. Unknown until `/api/me` answered.
 */
export function may(identity: Identity | undefined, action: string): boolean {
  return identity?.actions?.includes(action) ?? false;
}

/** The frame of every staff page: the site layout with the console's navigation. */
export function StaffFrame({ identity, children }: { identity: Identity | undefined; children: ComponentChildren }) {
  return (
    <Layout identity={identity}>
      <StaffNav identity={identity} />
      {children}
    </Layout>
  );
}
