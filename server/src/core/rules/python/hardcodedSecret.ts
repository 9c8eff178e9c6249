import { entropy, isSecretName } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';
import { pyStringAt } from './pyHelpers';

/** Whether a literal's value looks like a real credential rather than a placeholder, path or name. */
export function looksLikeSecret(v: string): boolean {
  if (v.length < 16 || v.length > 256 || /\s/.test(v)) return false;
  if (/:\/\/|^[./~$]|[{}<>\\]|%\(|%s/.test(v)) return false;
  if (/change.?me|example|dummy|placeholder|your|redacted|xxxx|\*\*\*|fake|sample|test|todo|secret_here/i.test(v))
    return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) || /^[A-Za-z]+(?:[_.-][A-Za-z]+)+$/.test(v)) return false; // names
  if (/^(?:[A-Z]?[a-z]{2,})+$/.test(v) || /abcdefgh|ABCDEFGH|0123456789/.test(v)) return false; // camelCase words, alphabets
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  return classes >= 2 && entropy(v) >= 3.5;
}

/** `API_KEY = "sk_live_…"`, `password="…"`, `{"client_secret": "…"}` with a high-entropy literal. */
export const hardcodedSecret: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/hardcoded-secret',
  title: 'Hard-coded secret',
  cwe: [798],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.2,
  message:
    'a secret is written in the source code: everyone with access to the repository, its history or the built package can use it',
  description: [
    'A password, API key or token committed to the code ends up in every clone, fork, backup, CI log and container image, and stays in the Git history after it is deleted (CWE-798). It cannot be rotated without a release, and it is usually the same in every environment.',
    '',
    'The rule reports a string literal of at least 16 characters, without spaces, with high entropy (≥ 3.5 bits per character, two or more character classes), assigned to a name that says it is secret: a variable or attribute, a keyword argument or a dict key such as `password`, `db_passwd`, `api_key`, `client_secret`, `auth_token`. Placeholders (`changeme`, `your-key-here`, `xxxx`), paths, URLs, templates and names such as `password_field` or `token_url` are ignored.',
    '',
    'Read secrets at run time from the environment or a secret manager (Vault, AWS Secrets Manager, Kubernetes secrets), then rotate the leaked one.',
  ].join('\n'),
  bad: 'FHIR_CLIENT_SECRET = "q8Vd2LkT9xZr4NwP7sYb"',
  good: 'FHIR_CLIENT_SECRET = os.environ["FHIR_CLIENT_SECRET"]',
  // A word containing a secret word, then `:`/`=`. The word is matched from its start (a `\w*` after
  // each keyword would rescan a long word once per keyword in it: docs/security-model.md).
  trigger: /\b(?=\w*?(?:pass|pwd|secret|token|key|credential|auth|pin|otp|salt|nonce))\w+['"]?\s*[:=]/i,
  check(ctx) {
    const { code, text } = ctx;
    // `name`, an optional `: Type` (words separated by single runs of spaces, so that no two
    // quantifiers can share a run of blanks: docs/security-model.md), `=`; or a `"key":`.
    const re =
      /(?<![\w.])([A-Za-z_][\w.]*)[ \t]*(?::[ \t]*[\w.[\]|][\w.[\],|]*(?: +[\w.[\],|]+)*[ \t]*)?(?<![=!<>])=(?!=)[ \t]*(?=[rRbBuU]{0,2}["'])|(["'])( *)\2[ \t]*:[ \t]*(?=[rRbBuU]{0,2}["'])/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(code))) {
      const name = m[1] ? m[1].slice(m[1].lastIndexOf('.') + 1) : text.slice(m.index + 1, m.index + 1 + m[3]!.length);
      if (!/^[A-Za-z_][\w-]*$/.test(name) || !isSecretName(name)) continue;
      const lit = pyStringAt(code, text, m.index + m[0].length);
      if (!lit || lit.holes || !/^[ \t]*(?:[,)\]};\r\n]|$)/.test(code.slice(lit.end, lit.end + 80))) continue;
      if (!looksLikeSecret(text.slice(lit.contentStart, lit.contentEnd))) continue;
      ctx.report(
        m.index,
        lit.end,
        `a secret is hard-coded in \`${name}\`: everyone with access to the repository, its history or the built package can use it`,
      );
    }
  },
};
