import { createHash } from 'node:crypto';

export interface AuditEvent {
  /** User id, user name (for logins) or `device:<serial>`. */
  actor: string;
  /** Dotted action name, e.g. `vitals.read`, `user.role`. */
  action: string;
  patientId?: string;
  outcome?: string;
  ip?: string;
  /** Free text supplied by the actor, e.g. the reason for an unlock. */
  reason?: string;
}

export interface AuditRecord extends AuditEvent {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export interface AuditSink {
  append(record: AuditRecord): Promise<void>;
}

export const GENESIS_HASH = '0'.repeat(64);
const MAX_TEXT = 256;

/** Log-injection guard: no control characters, bounded length. */
function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_TEXT);
}

function digest(record: Omit<AuditRecord, 'hash'>): string {
  const canonical = JSON.stringify([
    record.seq, record.at, record.actor, record.action, record.patientId ?? null,
    record.outcome ?? null, record.ip ?? null, record.reason ?? null, record.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Append-only, hash-chained audit trail. Callers await `record` before they send
 * the response, so an access that cannot be recorded does not happen.
 *
 * @implements SR-004, RC-005 -- every PHI read and write is recorded
 */
export class AuditLog {
  private seq: number;
  private prevHash: string;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sink: AuditSink,
    last?: Pick<AuditRecord, 'seq' | 'hash'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.seq = last?.seq ?? 0;
    this.prevHash = last?.hash ?? GENESIS_HASH;
  }

  record(event: AuditEvent): Promise<AuditRecord> {
    // Serialise appends so that the chain order equals the sequence order.
    const next = this.tail.then(async () => {
      const base: Omit<AuditRecord, 'hash'> = {
        seq: this.seq + 1,
        at: this.now().toISOString(),
        actor: clean(event.actor) ?? '',
        action: clean(event.action) ?? '',
        patientId: clean(event.patientId),
        outcome: clean(event.outcome),
        ip: clean(event.ip),
        reason: clean(event.reason),
        prevHash: this.prevHash,
      };
      const rec: AuditRecord = { ...base, hash: digest(base) };
      await this.sink.append(rec);
      this.seq = rec.seq;
      this.prevHash = rec.hash;
      return rec;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

// @mitigates TH-004 -- editing or deleting a record breaks the chain
/** Index of the first record that does not chain correctly, or -1 when the trail is intact. */
export function verifyChain(records: readonly AuditRecord[], start: string = GENESIS_HASH): number {
  let prev = start;
  for (let i = 0; i < records.length; i++) {
    const { hash, ...rest } = records[i];
    if (rest.prevHash !== prev || digest(rest) !== hash) return i;
    prev = hash;
  }
  return -1;
}
