import express from 'express';
import helmet from 'helmet';
import { readFileSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:https';
import { adminRouter, type AdminDeps } from './api/admin.js';
import { vitalsRouter, type VitalsDeps } from './api/vitals.js';
import { AuditLog } from './audit/auditLog.js';
import { LoginAttemptTracker } from './auth/lockout.js';
import { loginHandler, type LoginDeps } from './auth/login.js';
import { sessions } from './auth/session.js';
import { cipherSelfTest, PhiCipher } from './crypto/phiCipher.js';
import { createPool, PgAuditSink, UserRepository, VitalsRepository } from './db/repository.js';
import { DeviceBridge } from './ingest/deviceBridge.js';

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

/** @implements SR-005, RC-003 -- TLS 1.2 or later on every listener; there is no plaintext listener */
export function tlsOptions(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  return {
    key: readFileSync(required(env, 'TLS_KEY_PATH')),
    cert: readFileSync(required(env, 'TLS_CERT_PATH')),
    minVersion: 'TLSv1.2',
    honorCipherOrder: true,
  };
}

function hardened(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Query strings are parsed with node:querystring, not qs: no nested objects or arrays from
  // the URL (the VEX statement for qs in security/vex/ rests on this line).
  app.set('query parser', 'simple');
  // @mitigates TH-003 -- browsers must never fall back to plain HTTP
  const headers = helmet({ hsts: { maxAge: 31_536_000, includeSubDomains: true, preload: false } });
  app.use(headers);
  app.use(express.json({ limit: '32kb' }));
  return app;
}

/** Public listener: login and the vitals API. */
export function buildPublicApp(deps: LoginDeps & VitalsDeps): express.Express {
  const app = hardened();
  app.post('/api/v1/auth/login', loginHandler(deps));
  app.use('/api/v1/vitals', vitalsRouter(deps));
  return app;
}

/** Internal listener: the admin API, bound to the operations network only. */
export function buildAdminApp(deps: AdminDeps): express.Express {
  const app = hardened();
  app.use('/admin/v1', adminRouter(deps));
  return app;
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cipher = PhiCipher.fromEnv(env);
  cipherSelfTest(cipher);

  const pool = createPool(env);
  const sink = new PgAuditSink(pool);
  const audit = new AuditLog(sink, await sink.last());
  const users = new UserRepository(pool);
  const repo = new VitalsRepository(pool, cipher);
  const tracker = new LoginAttemptTracker();
  const tls = tlsOptions(env);

  createServer(tls, buildPublicApp({ users, tracker, audit, repo, sessions })).listen(Number(env.PORT ?? 8443));
  createServer(tls, buildAdminApp({ users, tracker, audit, sessions })).listen(
    Number(env.ADMIN_PORT ?? 9443),
    env.ADMIN_BIND_ADDRESS ?? '127.0.0.1',
  );

  new DeviceBridge({
    repo,
    audit,
    brokerUrl: required(env, 'MQTT_URL'),
    tls: {
      ca: readFileSync(required(env, 'MQTT_CA_PATH'), 'utf8'),
      cert: readFileSync(required(env, 'MQTT_CERT_PATH'), 'utf8'),
      key: readFileSync(required(env, 'MQTT_KEY_PATH'), 'utf8'),
    },
  }).start();
}

if (process.argv[1]?.endsWith('server.js')) {
  main().catch((err: unknown) => {
    console.error('rpm-api failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
