/**
 * Failed-login bookkeeping. Counts failures per user name, whether or not the
 * account exists, so that the lockout itself does not reveal which names are valid.
 */

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 30 * 60 * 1000;

interface AccountState {
  /** Timestamps (ms) of failures inside the current window, oldest first. */
  failures: number[];
  /** 0 when not locked. */
  lockedUntil: number;
}

function accountKey(username: string): string {
  return username.trim().toLowerCase();
}

/** @implements SR-003, RC-001 -- lockout counter */
export class LoginAttemptTracker {
  private readonly accounts = new Map<string, AccountState>();

  constructor(private readonly now: () => number = Date.now) {}

  isLocked(username: string): boolean {
    return this.lockedUntil(username) !== undefined;
  }

  /** End of the current lock (ms since epoch), or undefined when not locked. */
  lockedUntil(username: string): number | undefined {
    const state = this.accounts.get(accountKey(username));
    if (!state || state.lockedUntil === 0) return undefined;
    if (state.lockedUntil <= this.now()) {
      this.accounts.delete(accountKey(username));
      return undefined;
    }
    return state.lockedUntil;
  }

  /** Records a failed attempt; returns true when this failure locked the account. */
  recordFailure(username: string): boolean {
    const key = accountKey(username);
    const now = this.now();
    const state = this.accounts.get(key) ?? { failures: [], lockedUntil: 0 };
    state.failures = state.failures.filter((t) => now - t < FAILURE_WINDOW_MS);
    state.failures.push(now);
    this.accounts.set(key, state);
    if (state.lockedUntil === 0 && state.failures.length >= MAX_FAILURES) {
      state.lockedUntil = now + LOCK_DURATION_MS;
      return true;
    }
    return false;
  }

  recordSuccess(username: string): void {
    this.accounts.delete(accountKey(username));
  }

  /** Administrative unlock; the caller is responsible for auditing it. */
  unlock(username: string): boolean {
    return this.accounts.delete(accountKey(username));
  }
}
