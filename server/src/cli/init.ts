import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UnsafeWriteError, writeWorkspaceFile } from '../node/safeWrite';
import { UsageError } from './usageError';

/** Starter files of `seclife init`: one valid, linked item of each default kind. */
export const STARTER_FILES: Record<string, string> = {
  'seclife.json': `${JSON.stringify(
    {
      documents: ['docs/security/**/*.md'],
      tests: ['test/**', 'tests/**', '**/*.test.*', '**/*.spec.*', '**/test_*.py', '**/*_test.go'],
      rules: {},
    },
    null,
    2,
  )}\n`,
  'docs/security/requirements.md': `---
kind: SR
---
# Security requirements

## SR-001: Authenticate every API request
Priority: high
Derived-from: TH-001

Every request to the API carries a valid session token; requests without one are
rejected with 401. Implement with \`// @implements SR-001\` in code and verify with
\`// @verifies SR-001\` in a test.
`,
  'docs/security/threats.md': `---
kind: TH
---
# Threat model

## TH-001: Session token replay
Category: Spoofing
Severity: high
Status: mitigated

An attacker who obtains a session token replays it to act as the user.
`,
  'docs/security/controls.md': `---
kind: RC
---
# Risk controls

## RC-001: Short-lived, bound session tokens
Mitigates: TH-001
Derived-from: SR-001

Tokens expire after 15 minutes of inactivity and are bound to the client.
`,
  'docs/security/interfaces.md': `---
kind: IF
---
# Interfaces

| ID | Title | Exposure | Assets | Protocol |
|----|-------|----------|--------|----------|
| IF-001 | Public REST API | external | patient data, session tokens | HTTPS |
`,
  'docs/security/soup.md': `---
kind: SOUP
---
# Third-party software (SOUP)

| ID | Title | Version | Supplier | Class | Package |
|----|-------|---------|----------|-------|---------|
| SOUP-example | Example HTTP framework | 1.0.0 | Example project | maintained | example |
`,
  'docs/security/coding-standard.md': `---
kind: CS
---
# Secure coding standard

## CS-001: No dynamic code execution
Rule: js/eval-dynamic

Never pass data to \`eval\`, \`new Function\` or string timers.
`,
};

export interface InitResult {
  written: string[];
  kept: string[];
}

/**
 * Writes the starter files; existing files are kept unless `force`. Writes go through
 * safeWrite (docs/security-model.md): never through a link that leaves the folder.
 */
export async function runInit(dir: string, force: boolean): Promise<InitResult> {
  const root = path.resolve(dir);
  const result: InitResult = { written: [], kept: [] };
  try {
    await fs.mkdir(root, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create '${dir}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  for (const [rel, content] of Object.entries(STARTER_FILES)) {
    try {
      if (writeWorkspaceFile(root, rel, content, { keepExisting: !force }) === 'kept') result.kept.push(rel);
      else result.written.push(rel);
    } catch (e) {
      if (e instanceof UnsafeWriteError) throw new UsageError(`cannot write '${path.join(dir, rel)}': ${e.message}`);
      throw new UsageError(
        `cannot write '${path.join(dir, rel)}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  return result;
}
