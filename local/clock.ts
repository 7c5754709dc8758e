/**
 * The local runtime's clock: real time plus an offset that tests and demos may move forward
 * (a month-long campaign or a referral's working days in seconds). Never deployed.
 */
export class LocalClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Moves time forward (or back) by `ms`. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to an instant; time runs on from there. */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
