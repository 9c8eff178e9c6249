/** The fuzz worker: runs one input at a time on a target; the parent's watchdog ends it on a hang. */
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { FuzzInput, targetNamed } from './targets';

parentPort?.on('message', (msg: { id: number; target: string; input: FuzzInput }) => {
  const target = targetNamed(msg.target);
  const done = (outcome: unknown) => parentPort?.postMessage({ id: msg.id, outcome });
  if (!target) {
    done({ ok: false, kind: 'exception', message: `no target ${msg.target}`, signature: 'no-target' });
    return;
  }
  target
    .run(msg.input)
    .then(done, (e: Error) =>
      done({ ok: false, kind: 'exception', message: String(e), stack: e?.stack, signature: 'worker' }),
    );
});
// Linux: this thread's /proc stat file, so the parent's watchdog can count CPU time, not wall time.
let threadStat: string | undefined;
try {
  threadStat = `/proc/${readlinkSync('/proc/thread-self')}/stat`;
} catch {
  threadStat = undefined;
}
parentPort?.postMessage({ ready: true, threadStat });
