import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';

export type Role = 'clinician' | 'nurse' | 'admin' | 'device-service';

export interface SessionClaims {
  sub: string;
  role: Role;
  /** Server-side session id, used for the idle timeout. */
  sid: string;
}

/** Absolute token lifetime: one shift. */
const TOKEN_TTL_SECONDS = 8 * 60 * 60;
export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
const ISSUER = 'rpm-api';

function signingKey(): string {
  const key = process.env.SESSION_SIGNING_KEY;
  if (!key || key.length < 32) {
    throw new Error('SESSION_SIGNING_KEY must be set to at least 32 characters');
  }
  return key;
}

/**
 * Tracks the last request per session so that an idle session expires even
 * though its token is still within its absolute lifetime.
 *
 * @implements SR-002, RC-002 -- 15-minute idle timeout on top of the token expiry
 */
export class SessionStore {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  open(sid: string): void {
    this.lastSeen.set(sid, this.now());
  }

  /** Refreshes the session; false (and the session is forgotten) when it was idle too long. */
  touch(sid: string): boolean {
    const seen = this.lastSeen.get(sid);
    if (seen === undefined) return false;
    if (this.now() - seen > IDLE_TIMEOUT_MS) {
      this.lastSeen.delete(sid);
      return false;
    }
    this.lastSeen.set(sid, this.now());
    return true;
  }

  close(sid: string): void {
    this.lastSeen.delete(sid);
  }
}

export const sessions = new SessionStore();

export function issueToken(userId: string, role: Role, store: SessionStore = sessions): string {
  const sid = randomUUID();
  store.open(sid);
  const claims: SessionClaims = { sub: userId, role, sid };
  return jwt.sign(claims, signingKey(), { algorithm: 'HS256', expiresIn: TOKEN_TTL_SECONDS, issuer: ISSUER });
}

// @mitigates TH-002 -- algorithm pinned, issuer checked, idle sessions rejected
export function authenticateRequest(store: SessionStore = sessions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    let claims: SessionClaims;
    try {
      claims = jwt.verify(token, signingKey(), { algorithms: ['HS256'], issuer: ISSUER }) as SessionClaims;
    } catch {
      res.status(401).json({ error: 'authentication required' });
      return;
    }
    if (!store.touch(claims.sid)) {
      res.status(401).json({ error: 'session expired' });
      return;
    }
    res.locals.session = claims;
    next();
  };
}

/**
 * Deny by default: a route is reachable only by the roles it names.
 *
 * @implements SR-008, RC-007
 */
export function requireRole(...allowed: Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const session = res.locals.session as SessionClaims | undefined;
    if (!session || !allowed.includes(session.role)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };
}
