import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getVitalsHandler, postVitalsHandler, VitalSignInput, VitalsQuery, type VitalsDeps } from '../src/api/vitals.js';
import { requireRole } from '../src/auth/session.js';
import type { VitalSign } from '../src/db/repository.js';
import { call, fakeReq, fakeRes, memoryAudit, PATIENT, session } from './helpers.js';

function deps() {
  const stored: VitalSign[] = [];
  const audit = memoryAudit();
  const repo: VitalsDeps['repo'] = {
    insert: async (v) => { stored.push(v); },
    listForPatient: async (patientId) => stored.filter((v) => v.patientId === patientId),
  };
  return { stored, audit, deps: { repo, audit, now: () => Date.parse('2025-03-12T10:00:00Z') } };
}

const reading = { deviceId: 'OXI-2231', kind: 'spo2', value: 97, unit: '%', measuredAt: '2025-03-12T09:58:00Z' };

// @verifies IF-001
describe('GET/POST /api/v1/vitals/:patientId', () => {
  test('a nurse records and reads vital signs; both accesses are audited', async () => {
    const { stored, audit, deps: d } = deps();
    const post = await call(postVitalsHandler(d), fakeReq({ params: { patientId: PATIENT }, body: reading }), fakeRes(session('nurse')));
    assert.equal(post.res.statusCode, 201);
    assert.equal(stored.length, 1);

    const get = await call(getVitalsHandler(d), fakeReq({ params: { patientId: PATIENT } }), fakeRes(session('nurse')));
    assert.equal(get.res.statusCode, 200);
    assert.equal((get.res.body as { vitals: unknown[] }).vitals.length, 1);
    assert.deepEqual(audit.events.map((e) => e.action), ['vitals.write', 'vitals.read']);
  });

  test('the admin role cannot read vital signs', async () => {
    const { nextCalled, res } = await call(requireRole('clinician', 'nurse'), fakeReq(), fakeRes(session('admin')));
    assert.equal(nextCalled, false);
    assert.equal(res.statusCode, 403);
  });
});

// @verifies SR-006, RC-006 -- hostile input is rejected before it reaches the repository
describe('input validation', () => {
  test('a patient id that is not a UUID is rejected', async () => {
    const { audit, deps: d } = deps();
    const req = fakeReq({ params: { patientId: "1' OR '1'='1" } });
    const { res } = await call(getVitalsHandler(d), req, fakeRes(session('clinician')));
    assert.equal(res.statusCode, 400);
    assert.equal(audit.events.length, 0);
  });

  test('unknown body fields are rejected', () => {
    assert.equal(VitalSignInput.safeParse({ ...reading, patientId: PATIENT }).success, false);
  });

  test('query limits are bounded', () => {
    assert.equal(VitalsQuery.safeParse({ limit: '100000' }).success, false);
    assert.equal(VitalsQuery.safeParse({ limit: '50' }).success, true);
    assert.equal(VitalsQuery.safeParse({ limit: '50', orderBy: 'patient_id; DROP TABLE vitals' }).success, false);
  });
});
