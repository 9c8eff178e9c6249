import { isSecretName } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';
import { cCalls } from './cHelpers';

const RAND = 'rand|random|rand_r|drand48|erand48|lrand48|nrand48|mrand48|jrand48';
/** Extra words that mark a C name as secret material (besides password, token, secret, salt, nonce…). */
const EXTRA = /^(?:key|keys|iv|session|sessionid|sid|cookie|csrf|challenge|uuid|guid|otp|passcode|keystream)$/;
const KEYWORDS =
  /^(?:return|int|unsigned|char|long|short|const|static|uint\d+_t|int\d+_t|size_t|sizeof|for|if|while|do|else|auto)$/;

/** How far the statement around a call is read each way: a bound per call (docs/security-model.md). */
const MAX_STATEMENT = 2000;

/** The statement (code offsets) around `pos`: from after the previous `;`/`{`/`}` to the next `;` at the same level (at most MAX_STATEMENT each way). */
function statement(code: string, pos: number): [number, number] {
  let a = pos,
    depth = 0;
  for (; a > Math.max(0, pos - MAX_STATEMENT); a--) {
    const c = code[a - 1]!;
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') {
      if (depth-- === 0) continue;
    } else if ((c === ';' || c === '{' || c === '}') && depth <= 0) break;
  }
  let b = pos;
  for (depth = 0; b < Math.min(code.length, pos + MAX_STATEMENT); b++) {
    const c = code[b]!;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if ((c === ';' || c === '{' || c === '}') && depth <= 0) break;
  }
  return [a, b];
}

/** `rand()` & co. whose result goes into something named like a key, token, nonce or password. */
export const weakRandom: LexicalRule = {
  kind: 'lexical',
  families: ['c'],
  id: 'c/weak-random',
  title: 'Predictable random numbers for secrets',
  cwe: [338, 330],
  severity: 'error',
  precision: 'medium',
  securitySeverity: 7.5,
  message: 'rand()-family output is predictable: it must not be used for keys, tokens, nonces, salts or passwords',
  description: [
    '`rand`, `random`, `rand_r` and the `*rand48` functions are statistical generators with a tiny state: after a few outputs (or knowing the `srand(time(NULL))` seed, i.e. roughly when the program started) an attacker computes every past and future value. Session tokens, passwords, salts, nonces, IVs or keys made from them can be guessed (CWE-338).',
    '',
    'The rule reports such a call when a name in the same statement says the value is secret — the assigned variable (`token[i] = …`, `session_id = …`) or another identifier there (`key`, `nonce`, `iv`, `salt`, `password`, `otp`, `csrf`…) — and then also an `srand(time(…))` seeding in the same file. Random values for simulations, jitter or test data are left alone.',
    '',
    "Use the operating system's CSPRNG: `getrandom(buf, n, 0)` (Linux), `arc4random_buf` (BSD, macOS), `BCryptGenRandom` (Windows), or `RAND_bytes` from OpenSSL.",
  ].join('\n'),
  bad: 'for (i = 0; i < 16; i++)\n    session_token[i] = charset[rand() % 62];',
  good: 'if (getrandom(session_token, sizeof session_token, 0) != sizeof session_token) abort();',
  trigger: /(?:rand|random|rand48)(?:_r)?\s*\(/,
  check(ctx) {
    const { code } = ctx;
    let found = false;
    for (const call of cCalls(code, RAND)) {
      const [a, b] = statement(code, call.start);
      const ids = (code.slice(a, call.start) + ' ' + code.slice(call.end, b)).match(/[A-Za-z_]\w*/g) ?? [];
      const secret = ids.find((n) => !KEYWORDS.test(n) && isSecretName(n, EXTRA));
      if (!secret) continue;
      found = true;
      ctx.report(
        call.start,
        call.end,
        `${call.name.replace(/\s/g, '')}() is predictable but feeds \`${secret}\`: use getrandom(), arc4random_buf() or RAND_bytes() for secrets`,
      );
    }
    if (!found) return;
    for (const call of cCalls(code, 'srand|srandom|srand48')) {
      if (/\b(?:time|clock|getpid)\s*\(/.test(code.slice(call.open, call.end))) {
        ctx.report(
          call.start,
          call.end,
          'seeding with the clock makes rand() output guessable, and it is used for secrets in this file: use getrandom(), arc4random_buf() or RAND_bytes()',
        );
      }
    }
  },
};
