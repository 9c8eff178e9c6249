import { createHash } from 'node:crypto';
import type * as sarif from 'sarif';
import { allCodeInfos, CodeInfo } from '../core/codes';
import { Finding, Severity } from '../core/findings';
import { isInternalError } from '../core/internalError';
import { HOMEPAGE, helpUri } from '../core/links';
import { allBuiltinRules } from '../core/rules/registry';
import { ruleHelpMarkdown } from '../core/rules/ruleDocs';
import { Rule } from '../core/rules/ruleTypes';
import { VERSION } from '../version';
import { jsonResultFile } from './json';
import type { VerificationSummary } from './verificationText';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT = 'SRCROOT';

export interface SarifOptions {
  /** `file://` URI of the workspace root, ending in `/` (omitted for reproducible output when undefined). */
  rootUri?: string;
  /**
   * What verification is based on: `runs[0].properties.verification` (`mode`, and each
   * result file with its totals, commit and whether it is stale), so a consumer sees
   * "annotated-only" (docs/ci.md, "SARIF format"). Omitted: no such property.
   */
  verification?: VerificationSummary;
}

const LEVEL: Record<Severity, sarif.Result.level> = { error: 'error', warning: 'warning', note: 'note' };

function ruleOf(info: CodeInfo): sarif.ReportingDescriptor {
  const tags = ['security', 'traceability'];
  return {
    id: info.code,
    name: info.code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: info.summary },
    fullDescription: { text: info.summary },
    helpUri: helpUri(info.code),
    help: { text: info.help.replace(/`/g, "'"), markdown: info.help },
    defaultConfiguration: { level: LEVEL[info.severity] },
    properties: { tags, ...(info.clause ? { 'iec-81001-5-1': info.clause } : {}) },
  };
}

function pascal(id: string): string {
  return id.replace(/(^|[-/])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** A secure-coding rule: CWE tags, security-severity and precision as code-scanning tools read them. */
function secureCodingRuleOf(rule: Rule): sarif.ReportingDescriptor {
  const markdown = ruleHelpMarkdown(rule);
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.message },
    helpUri: helpUri(rule.id),
    help: { text: markdown.replace(/`/g, "'"), markdown },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', ...rule.cwe.map((n) => `external/cwe/cwe-${n}`)],
      precision: rule.precision,
      'security-severity': rule.securitySeverity.toFixed(1),
    },
  };
}

/**
 * Fingerprints stay put when unrelated lines move: they hash the code, the file and
 * the item (or the message when there is no item), plus an occurrence counter for
 * repeats of the same key in one file.
 */
function fingerprints(findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.code}\u0000${f.file}\u0000${f.itemId ?? f.snippet ?? f.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}`;
  });
}

function physicalLocation(f: Finding): sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: encodeURI(f.file), uriBaseId: ROOT },
    region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
  };
}

/**
 * Each rule, parser or scanner that threw on a file (its `internal-error` result) as a
 * notification of the run: `descriptor.id` names what failed, `associatedRule` points at its
 * rule descriptor when it is a rule of this run. The run still succeeded: the other results
 * are complete.
 */
function toolExecutionNotifications(findings: Finding[], ruleIndex: ReadonlyMap<string, number>): sarif.Notification[] {
  return findings.filter(isInternalError).map((f) => {
    const n: sarif.Notification = {
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: physicalLocation(f) }],
      descriptor: { id: f.failure.component },
    };
    const index = ruleIndex.get(f.failure.component);
    if (index !== undefined) n.associatedRule = { id: f.failure.component, index };
    return n;
  });
}

/** A SARIF 2.1.0 log with one run (docs/ci.md, "SARIF format"). */
export function buildSarif(findings: Finding[], options: SarifOptions = {}): sarif.Log {
  const descriptors = [
    ...allCodeInfos().map(ruleOf),
    ...allBuiltinRules()
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(secureCodingRuleOf),
  ];
  const known = new Set(descriptors.map((d) => d.id));
  for (const f of findings) {
    if (!known.has(f.code)) {
      // custom rules from seclife.json
      known.add(f.code);
      descriptors.push({
        id: f.code,
        name: pascal(f.code),
        shortDescription: { text: f.message },
        fullDescription: { text: f.message },
        help: { text: `Custom rule from seclife.json: ${f.message}` },
        defaultConfiguration: { level: LEVEL[f.severity] },
        properties: { tags: ['security', 'custom'] },
      });
    }
  }
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const prints = fingerprints(findings);
  const results: sarif.Result[] = findings.map((f, i) => {
    const result: sarif.Result = {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: physicalLocation(f) }],
      partialFingerprints: { 'seclifeFinding/v1': prints[i] },
    };
    if (f.related?.length) {
      result.relatedLocations = f.related.map((r, id) => ({
        id,
        message: { text: r.message },
        physicalLocation: {
          artifactLocation: { uri: encodeURI(r.file), uriBaseId: ROOT },
          region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
        },
      }));
    }
    if (f.suppression) {
      result.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.suppression.justification }];
    }
    if (f.itemId) result.properties = { itemId: f.itemId };
    return result;
  });
  const run: sarif.Run = {
    tool: {
      driver: {
        name: 'Seclife',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: HOMEPAGE,
        rules: descriptors,
      },
    },
    originalUriBaseIds: options.rootUri
      ? { [ROOT]: { uri: options.rootUri } }
      : { [ROOT]: { description: { text: 'The workspace root.' } } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (options.verification) {
    run.properties = {
      verification: {
        mode: options.verification.mode,
        resultFiles: options.verification.resultFiles.map(jsonResultFile),
      },
    };
  }
  const notifications = toolExecutionNotifications(findings, ruleIndex);
  // Only when a rule or parser failed: a run without failures has no invocations (docs/ci.md).
  if (notifications.length > 0)
    run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }];
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
