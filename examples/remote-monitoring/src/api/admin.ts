import bcrypt from 'bcrypt';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog.js';
import { BCRYPT_COST } from '../auth/login.js';
import type { LoginAttemptTracker } from '../auth/lockout.js';
import { authenticateRequest, requireRole, type SessionClaims, type SessionStore } from '../auth/session.js';
import type { UserRepository } from '../db/repository.js';

const StaffRole = z.enum(['clinician', 'nurse', 'admin']);

export const CreateUserBody = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,64}$/),
    password: z.string().min(12).max(256),
    role: StaffRole,
  })
  .strict();

export const AssignRoleBody = z.object({ role: StaffRole }).strict();
export const UnlockBody = z.object({ reason: z.string().min(5).max(200) }).strict();

export interface AdminDeps {
  users: Pick<UserRepository, 'create' | 'setRole'>;
  tracker: Pick<LoginAttemptTracker, 'unlock'>;
  audit: Pick<AuditLog, 'record'>;
  sessions?: SessionStore;
}

// @mitigates TH-007 -- every admin route sits behind this guard
export const adminOnly = requireRole('admin');

function actor(res: Response): string {
  return (res.locals.session as SessionClaims).sub;
}

/** POST /admin/v1/users */
export function createUserHandler(deps: AdminDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = CreateUserBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'invalid request' });
      return;
    }
    const hash = await bcrypt.hash(body.data.password, BCRYPT_COST);
    const id = await deps.users.create(body.data.username, hash, body.data.role);
    await deps.audit.record({ actor: actor(res), action: 'user.create', outcome: id, ip: req.ip });
    res.status(201).json({ id });
  };
}

/** PUT /admin/v1/users/:userId/role */
export function assignRoleHandler(deps: AdminDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = AssignRoleBody.safeParse(req.body);
    const userId = z.string().uuid().safeParse(req.params.userId);
    if (!body.success || !userId.success) {
      res.status(400).json({ error: 'invalid request' });
      return;
    }
    if (userId.data === actor(res)) {
      res.status(409).json({ error: 'administrators cannot change their own role' });
      return;
    }
    const updated = await deps.users.setRole(userId.data, body.data.role);
    await deps.audit.record({ actor: actor(res), action: 'user.role', outcome: `${userId.data}=${body.data.role}`, ip: req.ip });
    res.status(updated ? 204 : 404).end();
  };
}

/** POST /admin/v1/users/:username/unlock */
export function unlockHandler(deps: AdminDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = UnlockBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'a reason is required' });
      return;
    }
    const username = String(req.params.username);
    const wasLocked = deps.tracker.unlock(username);
    await deps.audit.record({ actor: actor(res), action: 'user.unlock', outcome: username, reason: body.data.reason, ip: req.ip });
    res.json({ unlocked: wasLocked });
  };
}

// @interface IF-003 -- mounted at /admin/v1 on the internal listener only
export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  router.use(authenticateRequest(deps.sessions), adminOnly);
  router.post('/users', createUserHandler(deps));
  router.put('/users/:userId/role', assignRoleHandler(deps));
  router.post('/users/:username/unlock', unlockHandler(deps));
  return router;
}
