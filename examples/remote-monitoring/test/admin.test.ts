import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adminOnly, assignRoleHandler, createUserHandler, unlockHandler, type AdminDeps } from '../src/api/admin.js';
import { call, fakeReq, fakeRes, memoryAudit, session } from './helpers.js';

const ADMIN_ID = '0b7e6a52-93c4-4f0e-8d2b-51a9c0f4e6d3';
const NURSE_ID = 'c3d1f0a9-7e2b-4a65-b8f4-0e9d2c6a1b57';

function deps() {
  const roles = new Map<string, string>([[NURSE_ID, 'nurse']]);
  const audit = memoryAudit();
  const d: AdminDeps = {
    users: {
      create: async () => 'new-user-id',
      setRole: async (id, role) => { if (!roles.has(id)) return false; roles.set(id, role); return true; },
    },
    tracker: { unlock: () => true },
    audit,
  };
  return { roles, audit, deps: d };
}

// @verifies IF-003
describe('admin API /admin/v1', () => {
  test('an administrator assigns a role; the change is audited', async () => {
    const { roles, audit, deps: d } = deps();
    const req = fakeReq({ params: { userId: NURSE_ID }, body: { role: 'clinician' } });
    const { res } = await call(assignRoleHandler(d), req, fakeRes(session('admin', ADMIN_ID)));
    assert.equal(res.statusCode, 204);
    assert.equal(roles.get(NURSE_ID), 'clinician');
    assert.equal(audit.events[0].action, 'user.role');
  });

  test('an unlock needs a reason, which is audited', async () => {
    const { audit, deps: d } = deps();
    const bare = await call(unlockHandler(d), fakeReq({ params: { username: 'nurse.kim' }, body: {} }), fakeRes(session('admin')));
    assert.equal(bare.res.statusCode, 400);
    const body = { reason: 'identity confirmed by phone, ticket 4711' };
    await call(unlockHandler(d), fakeReq({ params: { username: 'nurse.kim' }, body }), fakeRes(session('admin')));
    assert.equal(audit.events[0].reason, body.reason);
  });
});

// @verifies SR-008, RC-007 -- deny by default, no self-promotion, no smuggled fields
describe('least privilege', () => {
  for (const role of ['clinician', 'nurse', 'device-service'] as const) {
    test(`${role} is refused by the admin guard`, async () => {
      const { nextCalled, res } = await call(adminOnly, fakeReq(), fakeRes(session(role)));
      assert.equal(nextCalled, false);
      assert.equal(res.statusCode, 403);
    });
  }

  test('a request without a session is refused', async () => {
    const { nextCalled } = await call(adminOnly, fakeReq(), fakeRes());
    assert.equal(nextCalled, false);
  });

  test('an administrator cannot change their own role', async () => {
    const { deps: d } = deps();
    const req = fakeReq({ params: { userId: ADMIN_ID }, body: { role: 'nurse' } });
    const { res } = await call(assignRoleHandler(d), req, fakeRes(session('admin', ADMIN_ID)));
    assert.equal(res.statusCode, 409);
  });

  test('extra fields in a user body are rejected', async () => {
    const { deps: d } = deps();
    const body = { username: 'dr.ng', password: 'long enough passphrase', role: 'clinician', isSuperuser: true };
    const { res } = await call(createUserHandler(d), fakeReq({ body }), fakeRes(session('admin')));
    assert.equal(res.statusCode, 400);
  });
});
