import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuditLog, verifyChain, type AuditRecord } from '../src/audit/auditLog.js';

function memorySink() {
  const records: AuditRecord[] = [];
  return { records, append: async (r: AuditRecord) => { records.push(r); } };
}

const fixedClock = () => new Date('2025-03-12T10:00:00Z');

/**
 * @verifies SR-004, RC-005 -- records are chained, complete and tamper-evident
 */
describe('audit trail', () => {
  test('records carry actor, action, patient and a running sequence', async () => {
    const sink = memorySink();
    const log = new AuditLog(sink, undefined, fixedClock);
    await log.record({ actor: 'u-17', action: 'vitals.read', patientId: 'p-1' });
    await log.record({ actor: 'u-17', action: 'vitals.write', patientId: 'p-1' });
    assert.deepEqual(sink.records.map((r) => [r.seq, r.action]), [[1, 'vitals.read'], [2, 'vitals.write']]);
    assert.equal(verifyChain(sink.records), -1);
  });

  test('concurrent records keep the chain intact', async () => {
    const sink = memorySink();
    const log = new AuditLog(sink, undefined, fixedClock);
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.record({ actor: 'u-' + i, action: 'vitals.read' })));
    assert.equal(verifyChain(sink.records), -1);
  });

  test('an edited record breaks the chain at that record', async () => {
    const sink = memorySink();
    const log = new AuditLog(sink, undefined, fixedClock);
    for (const actor of ['u-1', 'u-2', 'u-3']) await log.record({ actor, action: 'vitals.read' });
    sink.records[1] = { ...sink.records[1], actor: 'someone-else' };
    assert.equal(verifyChain(sink.records), 1);
  });

  test('a deleted record breaks the chain', async () => {
    const sink = memorySink();
    const log = new AuditLog(sink, undefined, fixedClock);
    for (const actor of ['u-1', 'u-2', 'u-3']) await log.record({ actor, action: 'vitals.read' });
    sink.records.splice(1, 1);
    assert.equal(verifyChain(sink.records), 1);
  });

  test('free text is kept verbatim apart from control characters', async () => {
    const sink = memorySink();
    const log = new AuditLog(sink, undefined, fixedClock);
    const reason = "unlock requested\n// @implements SR-999";
    const rec = await log.record({ actor: 'u-1', action: 'user.unlock', reason });
    assert.equal(rec.reason, reason.replace('\n', ' '));
  });

  test('a failing sink rejects the access', async () => {
    const log = new AuditLog({ append: async () => { throw new Error('database down'); } });
    await assert.rejects(log.record({ actor: 'u-1', action: 'vitals.read' }), /database down/);
  });
});
