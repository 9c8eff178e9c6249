/**
 * Electron IPC (docs/attack-surface.md, Detectors: electron): `ipcMain.handle`, `handleOnce`,
 * `on`, `once` ('channel', handler) — what a renderer (and the web content in it) can send
 * to the main process. One `ipc channel` entry point each.
 */
import type ts from 'typescript';
import { addEntry } from './jsEmit';
import type { JsContext } from './jsContext';

const IPC_METHODS = new Set(['handle', 'handleOnce', 'on', 'once']);

export function electronCall(ctx: JsContext, call: ts.CallExpression): boolean {
  const t = ctx.ts;
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee) || !IPC_METHODS.has(callee.name.text)) return false;
  const recv = ctx.dotted(callee.expression);
  if (recv !== 'ipcMain' && !recv?.endsWith('.ipcMain')) return false;
  if (ctx.moduleOf(callee.expression) !== 'electron') return false;
  const channel = call.arguments[0];
  if (!channel) return false;
  addEntry(ctx, call, {
    kind: 'ipc',
    framework: 'electron',
    path: ctx.pathArgument(channel),
    ...(call.arguments[1] && { handler: call.arguments[1] }),
  });
  return true;
}
