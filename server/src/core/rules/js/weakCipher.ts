import ts from 'typescript';
import { JsRule, JsRuleContext } from '../ruleTypes';
import { lastSegment } from './secretHelpers';

/** OpenSSL cipher names: DES/3DES (des, des3, des-ede*, desx), RC2, RC4, Blowfish (bf), and every ECB mode. */
const WEAK_CIPHER = /^(?:(?:des|des3|3des|desx|des-ede\d?|tripledes|rc2|rc4|bf|blowfish)(?:$|[-_])|.*-ecb$)/i;
const CRYPTOJS_WEAK = /^CryptoJS\.(DES|TripleDES|RC4|RC4Drop)\.(encrypt|decrypt)$/;

const CRYPTO_MODULES = new Set(['crypto', 'node:crypto']);
const cryptoBindings = new WeakMap<ts.SourceFile, Set<string>>();

/** Local names bound to Node's crypto module or its members: `import crypto from 'crypto'`, `const { createCipher } = require('node:crypto')`. */
function bindings(file: ts.SourceFile, ctx: JsRuleContext): Set<string> {
  let names = cryptoBindings.get(file);
  if (names) return names;
  names = new Set(['crypto']);
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st) && CRYPTO_MODULES.has(ctx.constantString(st.moduleSpecifier) ?? '') && st.importClause) {
      const c = st.importClause;
      if (c.name) names.add(c.name.text);
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) names.add(c.namedBindings.name.text);
      else if (c.namedBindings) for (const e of c.namedBindings.elements) names.add(e.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!d.initializer || !CRYPTO_MODULES.has(ctx.dottedName(d.initializer) ?? '')) continue;
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
        else for (const e of d.name.elements) if (ts.isBindingElement(e) && ts.isIdentifier(e.name)) names.add(e.name.text);
      }
    }
  }
  cryptoBindings.set(file, names);
  return names;
}

/** `crypto.createCipher`, `require('crypto').createCipher`, or a `createCipher` imported from the crypto module. */
function isNodeCrypto(callee: ts.Expression, ctx: JsRuleContext): boolean {
  if (ts.isIdentifier(callee)) return bindings(ctx.sourceFile, ctx).has(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const object = ctx.dottedName(callee.expression) ?? '';
  return CRYPTO_MODULES.has(object) || bindings(ctx.sourceFile, ctx).has(object);
}

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
  description: 'DES has a 56-bit key; 3DES, Blowfish and RC2 have 64-bit blocks that leak plaintext after a few gigabytes (Sweet32); RC4 has biased output; ECB encrypts equal blocks to equal ciphertext, so the structure of the data — a record layout, an image — shows through (CWE-327). Node\'s `crypto.createCipher`/`createDecipher` are deprecated and derive the key and IV from a password with one round of MD5, reusing the IV for every message. Use `createCipheriv(\'aes-256-gcm\', key, iv)` with a random 12-byte IV per message (or ChaCha20-Poly1305) and check the authentication tag on decryption. The rule reports constant algorithm names only (also in node-forge `createCipher`), the deprecated Node functions when they come from the `crypto` module, and CryptoJS `DES`, `TripleDES`, `RC4` and `mode.ECB`.',
  bad: "const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv);",
  good: "const cipher = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));",
  trigger: /\bcreate(?:De)?cipher(?:iv)?\s*\(|CryptoJS\.(?:DES|TripleDES|RC4|mode\.ECB)\b/i,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const fn = lastSegment(call.expression, ctx);
      if (fn === 'createCipheriv' || fn === 'createDecipheriv' || fn === 'createCipher' || fn === 'createDecipher') {
        const algorithm = call.arguments.length > 0 ? ctx.constantString(call.arguments[0]) : undefined;
        if (algorithm && WEAK_CIPHER.test(algorithm)) ctx.report(call, `'${algorithm}' is a broken cipher or mode: use AES-256-GCM or ChaCha20-Poly1305`);
        else if (!fn.endsWith('iv') && isNodeCrypto(call.expression, ctx)) {
          ctx.report(call, `${fn}() is deprecated: it derives key and IV from a password with one MD5 round and reuses the IV; use ${fn}iv() with AES-256-GCM and a random IV`);
        }
        return;
      }
      const name = ctx.dottedName(call.expression);
      if (name && CRYPTOJS_WEAK.test(name)) ctx.report(call, `${name.split('.')[1]} is a broken cipher: use AES-GCM (WebCrypto or node:crypto)`);
    },
    [ts.SyntaxKind.PropertyAccessExpression]: (node, ctx) => {
      const access = node as ts.PropertyAccessExpression;
      if (access.name.text === 'ECB' && ctx.dottedName(access) === 'CryptoJS.mode.ECB') ctx.report(access, 'ECB mode encrypts equal blocks to equal ciphertext: use an authenticated mode (AES-GCM)');
    },
  },
};
