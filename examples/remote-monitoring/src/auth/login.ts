import bcrypt from 'bcrypt';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog.js';
import type { UserRecord } from '../db/repository.js';
import type { LoginAttemptTracker } from './lockout.js';
import { issueToken, type Role, type SessionStore } from './session.js';

export const BCRYPT_COST = 12;

const LoginRequest = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();

// Compared against when the user does not exist, so that the response time does
// not tell an attacker which user names are registered.
const dummyHash: Promise<string> = bcrypt.hash(randomBytes(24).toString('hex'), BCRYPT_COST);

export interface UserLookup {
  findByUsername(username: string): Promise<UserRecord | undefined>;
}

export type AuthOutcome =
  | { kind: 'ok'; userId: string; role: Role }
  | { kind: 'invalid' }
  | { kind: 'locked' };

/**
 * Verifies a user name / password pair against the stored bcrypt hash.
 *
 * @implements SR-001 -- individual accounts, bcrypt, no user enumeration
 */
export async function authenticate(
  users: UserLookup,
  tracker: LoginAttemptTracker,
  username: string,
  password: string,
): Promise<AuthOutcome> {
  if (tracker.isLocked(username)) return { kind: 'locked' };

  const user = await users.findByUsername(username);
  const hash = user?.passwordHash ?? (await dummyHash);
  const matches = await bcrypt.compare(password, hash);

  if (!user || !matches || user.disabled) {
    return tracker.recordFailure(username) ? { kind: 'locked' } : { kind: 'invalid' };
  }
  tracker.recordSuccess(username);
  return { kind: 'ok', userId: user.id, role: user.role };
}

export interface LoginDeps {
  users: UserLookup;
  tracker: LoginAttemptTracker;
  audit: Pick<AuditLog, 'record'>;
  sessions?: SessionStore;
}

/** POST /api/v1/auth/login */
export function loginHandler(deps: LoginDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = LoginRequest.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid request' });
      return;
    }
    const { username, password } = parsed.data;
    const outcome = await authenticate(deps.users, deps.tracker, username, password);
    await deps.audit.record({ actor: username, action: 'auth.login', outcome: outcome.kind, ip: req.ip });

    switch (outcome.kind) {
      case 'ok':
        res.json({ token: issueToken(outcome.userId, outcome.role, deps.sessions) });
        return;
      case 'locked':
        res.status(423).json({ error: 'account temporarily locked' });
        return;
      case 'invalid':
        res.status(401).json({ error: 'invalid user name or password' });
        return;
    }
  };
}
