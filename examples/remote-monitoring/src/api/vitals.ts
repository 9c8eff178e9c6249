import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog.js';
import { authenticateRequest, requireRole, type SessionClaims, type SessionStore } from '../auth/session.js';
import type { VitalsRepository } from '../db/repository.js';

/** @implements SR-006, RC-006 -- strict schemas at the trust boundary */
export const VitalSignInput = z
  .object({
    deviceId: z.string().regex(/^[A-Z0-9-]{6,32}$/),
    kind: z.enum(['heart_rate', 'spo2', 'resp_rate', 'temperature', 'systolic_bp', 'diastolic_bp']),
    value: z.number().finite(),
    unit: z.string().min(1).max(16),
    measuredAt: z.string().datetime(),
  })
  .strict();

export const PatientParams = z.object({ patientId: z.string().uuid() }).strict();

// @mitigates TH-005 -- only typed, bounded values ever reach the repository
export const VitalsQuery = z
  .object({
    since: z.string().datetime().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface VitalsDeps {
  repo: Pick<VitalsRepository, 'insert' | 'listForPatient'>;
  audit: Pick<AuditLog, 'record'>;
  sessions?: SessionStore;
  now?: () => number;
}

/** GET /api/v1/vitals/:patientId?since=&limit= */
export function getVitalsHandler(deps: VitalsDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = PatientParams.safeParse(req.params);
    const query = VitalsQuery.safeParse(req.query);
    if (!params.success || !query.success) {
      res.status(400).json({ error: 'invalid request' });
      return;
    }
    const session = res.locals.session as SessionClaims;
    const { patientId } = params.data;
    const now = deps.now?.() ?? Date.now();
    const since = query.data.since ?? new Date(now - DEFAULT_WINDOW_MS).toISOString();

    await deps.audit.record({ actor: session.sub, action: 'vitals.read', patientId, ip: req.ip });
    const vitals = await deps.repo.listForPatient(patientId, since, query.data.limit);
    res.json({ patientId, since, vitals });
  };
}

/** POST /api/v1/vitals/:patientId -- manual entry by staff, or the device service. */
export function postVitalsHandler(deps: VitalsDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = PatientParams.safeParse(req.params);
    const body = VitalSignInput.safeParse(req.body);
    if (!params.success || !body.success) {
      res.status(400).json({ error: 'invalid request' });
      return;
    }
    const session = res.locals.session as SessionClaims;
    const vital = { ...body.data, patientId: params.data.patientId };

    await deps.audit.record({ actor: session.sub, action: 'vitals.write', patientId: vital.patientId, ip: req.ip });
    await deps.repo.insert(vital);
    res.status(201).json({ stored: true });
  };
}

// @interface IF-001 -- mounted at /api/v1/vitals on the public listener
export function vitalsRouter(deps: VitalsDeps): Router {
  const router = Router();
  router.use(authenticateRequest(deps.sessions));
  router.get('/:patientId', requireRole('clinician', 'nurse'), getVitalsHandler(deps));
  router.post('/:patientId', requireRole('clinician', 'nurse', 'device-service'), postVitalsHandler(deps));
  return router;
}
