/** The fuzz worker: runs one input at a time on a target; the parent's watchdog ends it on a hang. */
import { parentPort } from 'node:worker_threads';
import { FuzzInput, targetNamed } from './targets';

parentPort?.on('message', (msg: { id: number; target: string; input: FuzzInput }) => {
  const target = targetNamed(msg.target);
  const done = (outcome: unknown) => parentPort?.postMessage({ id: msg.id, outcome });
  if (!target) {
    done({ ok: false, kind: 'exception', message: `no target ${msg.target}`, signature: 'no-target' });
    return;
  }
  target.run(msg.input).then(done, (e: Error) => done({ ok: false, kind: 'exception', message: String(e), stack: e?.stack, signature: 'worker' }));
});
parentPort?.postMessage({ ready: true });
