import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay, DeviceBridge, MAX_PAYLOAD_BYTES, type BridgeDeps, type RejectReason } from '../src/ingest/deviceBridge.js';
import type { VitalSign } from '../src/db/repository.js';
import { memoryAudit, PATIENT } from './helpers.js';

function bridge() {
  const stored: VitalSign[] = [];
  const rejected: RejectReason[] = [];
  const audit = memoryAudit();
  const deps: BridgeDeps = {
    repo: { insert: async (v) => { stored.push(v); } },
    audit,
    brokerUrl: 'mqtts://broker.site.example:8883',
    tls: { ca: 'ca', cert: 'cert', key: 'key' },
    onReject: (reason) => rejected.push(reason),
  };
  return { stored, rejected, audit, bridge: new DeviceBridge(deps), deps };
}

const message = (patientId = PATIENT) =>
  Buffer.from(JSON.stringify({ patientId, deviceId: 'OXI-2231', kind: 'spo2', value: 96, unit: '%', measuredAt: '2025-03-12T09:58:00Z' }));

// @verifies IF-002 -- device messages are validated, audited and stored; the bridge is TLS-only
describe('device ingestion bridge', () => {
  test('stores a valid message and audits the device as actor', async () => {
    const b = bridge();
    assert.equal(await b.bridge.handle(`rpm/${PATIENT}/vitals`, message()), true);
    assert.equal(b.stored.length, 1);
    assert.equal(b.audit.events[0].actor, 'device:OXI-2231');
  });

  test('drops a message whose topic names another patient', async () => {
    const b = bridge();
    assert.equal(await b.bridge.handle('rpm/00000000-0000-4000-8000-000000000000/vitals', message()), false);
    assert.deepEqual(b.rejected, ['topic-mismatch']);
  });

  test('drops oversize, non-JSON and malformed messages', async () => {
    const b = bridge();
    const topic = `rpm/${PATIENT}/vitals`;
    await b.bridge.handle(topic, Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20));
    await b.bridge.handle(topic, Buffer.from('{not json'));
    await b.bridge.handle(topic, Buffer.from(JSON.stringify({ patientId: PATIENT, value: 'high' })));
    assert.deepEqual(b.rejected, ['oversize', 'not-json', 'schema']);
    assert.equal(b.stored.length, 0);
  });

  test('refuses a plaintext broker URL', () => {
    const { deps } = bridge();
    assert.throws(() => new DeviceBridge({ ...deps, brokerUrl: 'mqtt://broker.site.example:1883' }), /TLS/);
  });

  test('reconnect backoff grows and is capped', () => {
    assert.ok(backoffDelay(0) < 1_000);
    assert.ok(backoffDelay(3) >= 4_000);
    assert.ok(backoffDelay(20) <= 30_250);
  });
});
