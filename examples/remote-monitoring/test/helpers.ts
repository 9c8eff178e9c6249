import type { NextFunction, Request, Response } from 'express';
import type { AuditEvent } from '../src/audit/auditLog.js';
import type { Role, SessionClaims } from '../src/auth/session.js';

export const PATIENT = '6f1c2a8e-4b1d-4c3e-9a57-2d0b9e3f7c11';

/** The few parts of an express response the handlers touch. */
export interface FakeResponse {
  statusCode: number;
  body: unknown;
  ended: boolean;
  locals: Record<string, unknown>;
  status(code: number): FakeResponse;
  json(body: unknown): FakeResponse;
  end(): FakeResponse;
}

export function session(role: Role, sub = 'u-' + role): SessionClaims {
  return { sub, role, sid: 's-' + sub };
}

export function fakeReq(parts: { params?: object; query?: object; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const headers = parts.headers ?? {};
  return {
    params: parts.params ?? {},
    query: parts.query ?? {},
    body: parts.body,
    ip: '192.0.2.10',
    get: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request;
}

export function fakeRes(claims?: SessionClaims): FakeResponse {
  const res: FakeResponse = {
    statusCode: 200,
    body: undefined,
    ended: false,
    locals: claims ? { session: claims } : {},
    status(code) { res.statusCode = code; return res; },
    json(body) { res.body = body; res.ended = true; return res; },
    end() { res.ended = true; return res; },
  };
  return res;
}

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/** Runs a handler or middleware; resolves with the response and whether `next` was called. */
export async function call(handler: Handler, req: Request, res: FakeResponse): Promise<{ res: FakeResponse; nextCalled: boolean }> {
  let nextCalled = false;
  await handler(req, res as unknown as Response, () => { nextCalled = true; });
  return { res, nextCalled };
}

/** Collects audit events in memory. */
export function memoryAudit() {
  const events: AuditEvent[] = [];
  return { events, record: async (e: AuditEvent) => { events.push(e); return { ...e, seq: events.length, at: '', prevHash: '', hash: '' }; } };
}
