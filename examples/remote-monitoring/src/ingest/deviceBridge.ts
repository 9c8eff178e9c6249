import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { VitalSignInput } from '../api/vitals.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { VitalsRepository } from '../db/repository.js';

/** Devices publish to `rpm/<patientId>/vitals`. */
const TOPIC = 'rpm/+/vitals';
export const MAX_PAYLOAD_BYTES = 4 * 1024;
const MAX_BACKOFF_MS = 30_000;

export const DeviceMessage = VitalSignInput.extend({ patientId: z.string().uuid() }).strict();

export type RejectReason = 'oversize' | 'not-json' | 'schema' | 'topic-mismatch';

export interface BridgeDeps {
  repo: Pick<VitalsRepository, 'insert'>;
  audit: Pick<AuditLog, 'record'>;
  brokerUrl: string;
  tls: { ca: string; cert: string; key: string };
  connect?: (url: string, options: IClientOptions) => MqttClient;
  onReject?: (reason: RejectReason, topic: string) => void;
}

/** Correlates the log lines of one broker connection; shown to operators, never used for access decisions. */
export function connectionTraceToken(): string {
  // seclife-ignore-next-line js/weak-random -- log correlation only, not a credential (see TH-006)
  return Math.random().toString(36).slice(2, 10);
}

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
  const jitter = Math.floor(Math.random() * 250); // backoff jitter: not a secret, so js/weak-random stays silent
  return base + jitter;
}

// @interface IF-002 -- subscribes to rpm/+/vitals on the site broker
export class DeviceBridge {
  private client?: MqttClient;
  private attempt = 0;
  private stopped = false;

  constructor(private readonly deps: BridgeDeps) {
    if (!deps.brokerUrl.startsWith('mqtts://')) {
      throw new Error('the device bridge only connects over TLS (mqtts://)');
    }
  }

  start(): void {
    const options: IClientOptions = {
      clientId: 'rpm-bridge-' + randomUUID(),
      protocolVersion: 5,
      reconnectPeriod: 0, // reconnects are scheduled by this class, with backoff
      rejectUnauthorized: true,
      ca: this.deps.tls.ca,
      cert: this.deps.tls.cert,
      key: this.deps.tls.key,
    };
    // TODO(TH-008): devices still publish with the shared site credentials; the
    // broker cannot tell which device sent a message until per-device certificates ship.
    const client = (this.deps.connect ?? mqtt.connect)(this.deps.brokerUrl, options);
    client.on('connect', () => {
      this.attempt = 0;
      client.subscribe(TOPIC, { qos: 1 });
    });
    client.on('message', (topic, payload) => void this.handle(topic, payload));
    client.on('close', () => this.scheduleReconnect());
    this.client = client;
  }

  stop(): void {
    this.stopped = true;
    this.client?.end();
  }

  /** Validates and stores one device message; returns false when it was dropped. */
  async handle(topic: string, payload: Buffer): Promise<boolean> {
    if (payload.length > MAX_PAYLOAD_BYTES) return this.reject('oversize', topic);
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.reject('not-json', topic);
    }
    const parsed = DeviceMessage.safeParse(json);
    if (!parsed.success) return this.reject('schema', topic);
    if (topic.split('/')[1] !== parsed.data.patientId) return this.reject('topic-mismatch', topic);

    const vital = parsed.data;
    await this.deps.audit.record({ actor: 'device:' + vital.deviceId, action: 'vitals.write', patientId: vital.patientId });
    await this.deps.repo.insert(vital);
    return true;
  }

  private reject(reason: RejectReason, topic: string): false {
    this.deps.onReject?.(reason, topic);
    return false;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++);
    setTimeout(() => this.client?.reconnect(), delay);
  }
}
