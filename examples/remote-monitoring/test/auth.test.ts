import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import bcrypt from 'bcrypt';
import { FAILURE_WINDOW_MS, LOCK_DURATION_MS, LoginAttemptTracker, MAX_FAILURES } from '../src/auth/lockout.js';
import { authenticate, type UserLookup } from '../src/auth/login.js';
import { IDLE_TIMEOUT_MS, SessionStore } from '../src/auth/session.js';
import type { UserRecord } from '../src/db/repository.js';

function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

const PASSWORD = 'correct horse battery staple';
let users: UserLookup;

before(async () => {
  const nurse: UserRecord = { id: 'u-17', username: 'nurse.kim', passwordHash: await bcrypt.hash(PASSWORD, 4), role: 'nurse', disabled: false };
  users = { findByUsername: async (name) => (name === nurse.username ? nurse : undefined) };
});

// @verifies SR-001 -- right password accepted; wrong password and unknown user rejected alike
describe('authenticate', () => {
  test('accepts the right password', async () => {
    const outcome = await authenticate(users, new LoginAttemptTracker(), 'nurse.kim', PASSWORD);
    assert.deepEqual(outcome, { kind: 'ok', userId: 'u-17', role: 'nurse' });
  });

  test('rejects a wrong password', async () => {
    const outcome = await authenticate(users, new LoginAttemptTracker(), 'nurse.kim', 'Tr0ub4dor&3');
    assert.deepEqual(outcome, { kind: 'invalid' });
  });

  test('answers an unknown user exactly like a wrong password', async () => {
    const outcome = await authenticate(users, new LoginAttemptTracker(), 'nobody', PASSWORD);
    assert.deepEqual(outcome, { kind: 'invalid' });
  });
});

// @verifies SR-003, RC-001
describe('account lockout', () => {
  test('locks after the fifth failure within the window', () => {
    const clock = fakeClock();
    const tracker = new LoginAttemptTracker(clock.now);
    for (let i = 1; i < MAX_FAILURES; i++) assert.equal(tracker.recordFailure('nurse.kim'), false);
    assert.equal(tracker.recordFailure('Nurse.Kim '), true, 'user names are compared case-insensitively');
    assert.equal(tracker.isLocked('nurse.kim'), true);
  });

  test('failures outside the window do not count', () => {
    const clock = fakeClock();
    const tracker = new LoginAttemptTracker(clock.now);
    for (let i = 0; i < MAX_FAILURES - 1; i++) tracker.recordFailure('nurse.kim');
    clock.advance(FAILURE_WINDOW_MS);
    assert.equal(tracker.recordFailure('nurse.kim'), false);
  });

  test('the lock ends after 30 minutes', () => {
    const clock = fakeClock();
    const tracker = new LoginAttemptTracker(clock.now);
    for (let i = 0; i < MAX_FAILURES; i++) tracker.recordFailure('nurse.kim');
    clock.advance(LOCK_DURATION_MS - 1);
    assert.equal(tracker.isLocked('nurse.kim'), true);
    clock.advance(1);
    assert.equal(tracker.isLocked('nurse.kim'), false);
  });

  test('a locked account is refused even with the right password', async () => {
    const tracker = new LoginAttemptTracker();
    for (let i = 0; i < MAX_FAILURES; i++) tracker.recordFailure('nurse.kim');
    assert.deepEqual(await authenticate(users, tracker, 'nurse.kim', PASSWORD), { kind: 'locked' });
  });
});

/** @verifies SR-002, RC-002 -- idle timeout */
describe('session idle timeout', () => {
  test('an active session stays open', () => {
    const clock = fakeClock();
    const store = new SessionStore(clock.now);
    store.open('s-1');
    for (let i = 0; i < 10; i++) {
      clock.advance(IDLE_TIMEOUT_MS - 1000);
      assert.equal(store.touch('s-1'), true);
    }
  });

  test('a session idle for more than 15 minutes is closed for good', () => {
    const clock = fakeClock();
    const store = new SessionStore(clock.now);
    store.open('s-1');
    clock.advance(IDLE_TIMEOUT_MS + 1);
    assert.equal(store.touch('s-1'), false);
    assert.equal(store.touch('s-1'), false);
  });
});
