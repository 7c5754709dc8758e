/**
 * One store's part of a change that must happen completely or not at all (an application's
 * transition, its notice, the place it takes, the campaign counter it moves, the survey answer it
 * carries). Each store prepares the intents for its own table (`ApplicationStore.transitions`,
 * `NotificationStore.notice`, ...); the use case hands them together to the unit of work. What an
 * intent holds is the adapter's business: use cases never look inside.
 */
export interface WriteIntent {
  /** The store that prepared it (for messages and tests). */
  readonly store: string;
  /** Runs once the unit of work has committed (e.g. the transition log); never on a refusal. */
  readonly afterCommit?: () => void;
}

/** Commits the intents of several stores as one change. */
export interface UnitOfWork {
  /**
   * Everything or nothing. When a store's condition refuses (the application changed meanwhile,
   * no free place, the answer was replaced), the error is the one the refusing intent names, the
   * most specific first; a transient conflict is retried, then answered with "try again".
   */
  commit(intents: readonly WriteIntent[]): Promise<void>;
}
