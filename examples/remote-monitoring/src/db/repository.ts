import pg from 'pg';
import type { AuditRecord, AuditSink } from '../audit/auditLog.js';
import type { Role } from '../auth/session.js';
import type { PhiCipher } from '../crypto/phiCipher.js';

/** The part of `pg.Pool` the repositories use; tests pass a fake. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export function createPool(env: NodeJS.ProcessEnv = process.env): pg.Pool {
  return new pg.Pool({
    connectionString: env.DATABASE_URL,
    ssl: { rejectUnauthorized: true, ca: env.DATABASE_CA_PEM },
    max: 10,
    statement_timeout: 5_000,
  });
}

export type VitalKind = 'heart_rate' | 'spo2' | 'resp_rate' | 'temperature' | 'systolic_bp' | 'diastolic_bp';

export interface VitalSign {
  patientId: string;
  deviceId: string;
  kind: VitalKind;
  value: number;
  unit: string;
  measuredAt: string;
}

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
}

const aad = (patientId: string, kind: VitalKind): string => ['vitals.value', patientId, kind].join(':');

// @interface IF-004 -- all SQL of the service goes through the classes in this file
/** @implements SR-006, RC-006 -- constant SQL text, values as $n parameters */
export class VitalsRepository {
  constructor(
    private readonly db: Queryable,
    private readonly cipher: PhiCipher,
  ) {}

  async insert(v: VitalSign): Promise<void> {
    await this.db.query(
      'INSERT INTO vitals (patient_id, device_id, kind, value_enc, unit, measured_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [v.patientId, v.deviceId, v.kind, this.cipher.encrypt(String(v.value), aad(v.patientId, v.kind)), v.unit, v.measuredAt],
    );
  }

  async listForPatient(patientId: string, since: string, limit: number): Promise<VitalSign[]> {
    const { rows } = await this.db.query(
      'SELECT device_id, kind, value_enc, unit, measured_at FROM vitals WHERE patient_id = $1 AND measured_at >= $2 ORDER BY measured_at DESC LIMIT $3',
      [patientId, since, limit],
    );
    return rows.map((r) => {
      const kind = r.kind as VitalKind;
      return {
        patientId,
        deviceId: String(r.device_id),
        kind,
        value: Number(this.cipher.decrypt(String(r.value_enc), aad(patientId, kind))),
        unit: String(r.unit),
        measuredAt: new Date(r.measured_at as string).toISOString(),
      };
    });
  }
}

export class UserRepository {
  constructor(private readonly db: Queryable) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.db.query(
      'SELECT id, username, password_hash, role, disabled FROM users WHERE lower(username) = lower($1)',
      [username],
    );
    const r = rows[0];
    if (!r) return undefined;
    return { id: String(r.id), username: String(r.username), passwordHash: String(r.password_hash), role: r.role as Role, disabled: r.disabled === true };
  }

  async create(username: string, passwordHash: string, role: Role): Promise<string> {
    const { rows } = await this.db.query(
      'INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) RETURNING id',
      [username, passwordHash, role],
    );
    return String(rows[0].id);
  }

  async setRole(userId: string, role: Role): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE users SET role = $2 WHERE id = $1 RETURNING id', [userId, role]);
    return rows.length === 1;
  }
}

/** Writes audit records; the database role of the service has INSERT but no UPDATE/DELETE on this table. */
export class PgAuditSink implements AuditSink {
  constructor(private readonly db: Queryable) {}

  async append(r: AuditRecord): Promise<void> {
    await this.db.query(
      'INSERT INTO audit_log (seq, at, actor, action, patient_id, outcome, ip, reason, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [r.seq, r.at, r.actor, r.action, r.patientId ?? null, r.outcome ?? null, r.ip ?? null, r.reason ?? null, r.prevHash, r.hash],
    );
  }

  async last(): Promise<Pick<AuditRecord, 'seq' | 'hash'> | undefined> {
    const { rows } = await this.db.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return rows[0] ? { seq: Number(rows[0].seq), hash: String(rows[0].hash) } : undefined;
  }
}
