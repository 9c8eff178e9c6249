import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { canonicalName } from './injectionHelpers';

/** OpenSSL cipher names: DES/3DES (des, des3, des-ede*, desx), RC2, RC4, Blowfish (bf), and every ECB mode. */
const WEAK_CIPHER = /^(?:(?:des|des3|3des|desx|des-ede\d?|tripledes|rc2|rc4|bf|blowfish)(?:$|[-_])|.*-ecb$)/i;
const CRYPTOJS_WEAK = /^CryptoJS\.(DES|TripleDES|RC4|RC4Drop)\.(encrypt|decrypt)$/;

/** Broken or structurally unsafe ciphers, and the deprecated password-based `createCipher`. */
export const weakCipher: JsRule = {
  kind: 'js',
  id: 'js/weak-cipher',
  title: 'Broken or unsafe cipher',
  cwe: [327],
  severity: 'error',
  precision: 'very-high',
  securitySeverity: 7.5,
  message: 'Broken cipher or mode (DES/3DES, RC2, RC4, Blowfish or ECB): use AES-256-GCM or ChaCha20-Poly1305',
  description:
    "DES has a 56-bit key; 3DES, Blowfish and RC2 have 64-bit blocks that leak plaintext after a few gigabytes (Sweet32); RC4 has biased output; ECB encrypts equal blocks to equal ciphertext, so the structure of the data — a record layout, an image — shows through (CWE-327). Node's `crypto.createCipher`/`createDecipher` are deprecated and derive the key and IV from a password with one round of MD5, reusing the IV for every message. Use `createCipheriv('aes-256-gcm', key, iv)` with a random 12-byte IV per message (or ChaCha20-Poly1305) and check the authentication tag on decryption. The rule reports constant algorithm names only (also in node-forge `createCipher`), the deprecated Node functions when they come from the `crypto` module, and CryptoJS `DES`, `TripleDES`, `RC4` and `mode.ECB`.",
  bad: "const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv);",
  good: "const cipher = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));",
  trigger: /\bcreate(?:De)?cipher(?:iv)?\s*\(|CryptoJS\.(?:DES|TripleDES|RC4|mode\.ECB)\b/i,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      // The callee with imports resolved: `cc` from `import { createCipher as cc } from 'crypto'` is crypto.createCipher.
      const canonical = canonicalName(call.expression) ?? '';
      const fn = canonical.slice(canonical.lastIndexOf('.') + 1);
      if (fn === 'createCipheriv' || fn === 'createDecipheriv' || fn === 'createCipher' || fn === 'createDecipher') {
        const algorithm = call.arguments.length > 0 ? ctx.constantString(call.arguments[0]) : undefined;
        if (algorithm && WEAK_CIPHER.test(algorithm))
          ctx.report(call, `'${algorithm}' is a broken cipher or mode: use AES-256-GCM or ChaCha20-Poly1305`);
        else if (canonical === `crypto.${fn}` && !fn.endsWith('iv')) {
          ctx.report(
            call,
            `${fn}() is deprecated: it derives key and IV from a password with one MD5 round and reuses the IV; use ${fn}iv() with AES-256-GCM and a random IV`,
          );
        }
        return;
      }
      const name = ctx.dottedName(call.expression);
      if (name && CRYPTOJS_WEAK.test(name))
        ctx.report(call, `${name.split('.')[1]} is a broken cipher: use AES-GCM (WebCrypto or node:crypto)`);
    },
    [ts.SyntaxKind.PropertyAccessExpression]: (node, ctx) => {
      const access = node as ts.PropertyAccessExpression;
      if (access.name.text === 'ECB' && ctx.dottedName(access) === 'CryptoJS.mode.ECB')
        ctx.report(access, 'ECB mode encrypts equal blocks to equal ciphertext: use an authenticated mode (AES-GCM)');
    },
  },
};
