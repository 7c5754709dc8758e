import type { AccountStore, ApplicationStore, AuthStore, KindergartenStore } from './stores.ts';
import type { Notifier } from './notifier.ts';

/** What use cases get from the outside world. Handlers take it from `dependencies()`. */
export interface Dependencies {
  readonly applications: ApplicationStore;
  readonly kindergartens: KindergartenStore;
  readonly accounts: AccountStore;
  readonly auth: AuthStore;
  readonly notifier: Notifier;
  readonly clock: () => Date;
  /** Secure cookies everywhere but plain-HTTP localhost. */
  readonly cookieSecure: boolean;
}
