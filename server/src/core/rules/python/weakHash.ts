import { isSecretName } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';
import { pyCalls, pyImported, pyLineAt, pyStringAt } from './pyHelpers';

const WEAK = /^(?:md4|md5|sha|sha1|sha-1|ripemd160|md5-sha1)$/i;

/** Longest code before a call on its line that is read for the assigned name (a statement head is short). */
const MAX_TARGET_PREFIX = 500;

/** MD5 / SHA-1 applied to a password, token or other secret (judged by the names involved). */
export const weakHash: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/weak-hash',
  title: 'Weak hash for a password or secret',
  cwe: [328, 916],
  severity: 'error',
  precision: 'high',
  securitySeverity: 7.5,
  message:
    'MD5/SHA-1 is used on a password or secret: these hashes are fast and broken, so the secret can be recovered or forged',
  description: [
    'MD5 and SHA-1 have practical collision attacks, and like every general-purpose hash they are built to be *fast*: a GPU tries billions of candidate passwords per second against a leaked MD5 or SHA-1 digest (CWE-328, CWE-916).',
    '',
    'The rule reports `hashlib.md5` / `sha1` / `new("md5")` (and PyCryptodome\'s `MD5.new` / `SHA1.new`) only when a name involved says the input is secret: an argument (`password`, `api_key`, `token`, `salt`…), the variable the result is assigned to (`password_hash = …`), or the enclosing function (`def hash_password`). Checksums, cache keys and ETags are left alone, and `usedforsecurity=False` silences a call.',
    '',
    'Store passwords with a slow, salted KDF: `argon2-cffi`, `bcrypt`, or `hashlib.scrypt` / `hashlib.pbkdf2_hmac("sha256", …, 600_000)`. Derive or compare tokens with `hmac` and SHA-256 (`hmac.compare_digest`).',
  ].join('\n'),
  bad: 'user.password_hash = hashlib.md5(password.encode()).hexdigest()',
  good: 'user.password_hash = argon2.PasswordHasher().hash(password)',
  trigger: /\b(?:md5|sha1|MD5|SHA1?|MD4|new)\s*\(/,
  check(ctx) {
    const { code, text } = ctx;
    const bare = pyImported(code, 'hashlib', ['md5', 'sha1']);
    const mods = pyImported(code, '(?:Crypto|Cryptodome)\\.Hash', ['MD5', 'MD4', 'SHA', 'SHA1']).map(
      (m) => `${m}\\.new`,
    );
    const names = [
      'hashlib\\.(?:md5|sha1|new)',
      '(?:Crypto|Cryptodome)\\.Hash\\.(?:MD5|MD4|SHA1?)\\.new',
      ...bare,
      ...mods,
    ];
    for (const call of pyCalls(code, names.join('|'))) {
      let data = call.args;
      if (call.name === 'hashlib.new') {
        const lit = data[0] && pyStringAt(code, text, data[0].start);
        if (!lit || !WEAK.test(text.slice(lit.contentStart, lit.contentEnd))) continue;
        data = data.slice(1);
      }
      if (/\busedforsecurity\s*=\s*False\b/.test(code.slice(call.open, call.end))) continue;
      const ids = data.flatMap(
        (a) =>
          code
            .slice(a.start, a.end)
            .replace(/^\w+\s*=(?!=)/, '')
            .match(/[A-Za-z_]\w*/g) ?? [],
      );
      const line = pyLineAt(code, call.start);
      // The statement before the call: from the line start, or after a `;` when the line is long.
      let head = line.lineStart;
      if (call.start - head > MAX_TARGET_PREFIX) {
        const semi = code.slice(call.start - MAX_TARGET_PREFIX, call.start).lastIndexOf(';');
        head = semi >= 0 ? call.start - MAX_TARGET_PREFIX + semi + 1 : call.start;
      }
      const target = /^\s*(?:[\w]+\.)*(\w+)(?:\[[^\]]*\])?\s*(?::[^=]*)?=(?!=)/.exec(code.slice(head, call.start))?.[1];
      const secret =
        ids.find((n) => isSecretName(n)) ??
        (target && isSecretName(target) ? target : undefined) ??
        [line.def].find((n) => n && isSecretName(n));
      if (!secret) continue;
      ctx.report(
        call.start,
        call.end,
        `${call.name}() is a weak hash for a secret (\`${secret}\`): use a slow salted KDF (argon2, bcrypt, scrypt, PBKDF2) for passwords, HMAC-SHA-256 for tokens`,
      );
    }
  },
};
