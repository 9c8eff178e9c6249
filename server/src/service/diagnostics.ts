import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { Finding, Severity } from '../core/findings';
import { helpUri } from '../core/links';
import { ServiceContext, toLspRange } from './context';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** Data carried on each diagnostic for code actions. */
export interface DiagnosticData {
  itemId?: string;
  /** A secure-coding rule's safe rewrite. */
  fix?: Finding['fix'];
}

/** A finding as an LSP diagnostic (docs/findings.md; docs/language-server.md, diagnostics): code, source, help link, related locations. */
export function toDiagnostic(ctx: ServiceContext, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(f),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: helpUri(f.code) },
    source: 'seclife',
    message: f.message,
  };
  if (f.code === 'unused-suppression') d.tags = [DiagnosticTag.Unnecessary];
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: ctx.uri(r.file), range: toLspRange(r) },
      message: r.message,
    }));
  }
  if (f.itemId || f.fix)
    d.data = { ...(f.itemId ? { itemId: f.itemId } : {}), ...(f.fix ? { fix: f.fix } : {}) } satisfies DiagnosticData;
  return d;
}

/** Diagnostics of one file; suppressed findings are not shown in the editor. */
export function diagnosticsFor(ctx: ServiceContext, path: string): Diagnostic[] {
  return ctx.engine
    .findingsFor(path)
    .filter((f) => !f.suppression)
    .map((f) => toDiagnostic(ctx, f));
}
