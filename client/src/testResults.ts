/**
 * Test results in the VS Code views: theme icons per status and the
 * `seclife.openTestResult` command (docs/vscode.md, Test results).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  TestLinkStatus,
  TestResultEntry,
  TraceTreeItem,
  TraceTreeRequest,
  VerificationSummary,
} from '../../server/src/protocol';
import { describe, openLocation } from './locations';
import { failingResults, failureLocation, itemIconId, STATUS_ICON, verificationText } from './testText';

export { resultDescription, resultLabel, testDescription } from './testText';

export function testIcon(status: TestLinkStatus | TestResultEntry['status']): vscode.ThemeIcon {
  const { icon, color } = STATUS_ICON[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

export function itemIcon(item: TraceTreeItem): vscode.ThemeIcon {
  const { icon, color } = itemIconId(item);
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

export function testTooltip(v: VerificationSummary): string {
  return verificationText(v);
}

/**
 * `seclife.openTestResult`: opens the result file at the failing case's line. With a
 * `Location` or a Traceability node it opens that; without, it offers every failing result.
 */
export async function openTestResult(client: LanguageClient, arg: unknown): Promise<void> {
  let location = failureLocation(arg);
  if (!location) {
    const tree = await client.sendRequest(TraceTreeRequest, {});
    const failing = failingResults(tree);
    if (failing.length === 0) {
      void vscode.window.showInformationMessage('Seclife: no linked test failed in the test results read.');
      return;
    }
    const picked =
      failing.length === 1
        ? failing[0]
        : (
            await vscode.window.showQuickPick(
              failing.map((f) => ({
                label: `${f.itemId}: ${f.result.name}`,
                description: describe(f.result.location),
                detail: f.result.message,
                f,
              })),
              { title: 'Open a failing test result', matchOnDescription: true },
            )
          )?.f;
    if (!picked) return;
    location = picked.result.location;
  }
  await openLocation(location);
}
