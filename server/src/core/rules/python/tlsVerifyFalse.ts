import { LexicalRule } from '../ruleTypes';

/** How far back the enclosing call is looked for: a bound per match, whatever the file (docs/security-model.md). */
const MAX_CALL_PREFIX = 2000;

/** The dotted callee of the innermost call whose argument list contains `pos` (within MAX_CALL_PREFIX), or undefined. */
function enclosingCallee(code: string, pos: number): string | undefined {
  let depth = 0;
  for (let i = pos - 1; i >= Math.max(0, pos - MAX_CALL_PREFIX); i--) {
    const c = code[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth-- === 0) return undefined;
    } else if (c === '(') {
      if (depth-- === 0) return /([\w.]*)\s*$/.exec(code.slice(Math.max(0, i - 80), i))![1] || undefined;
    }
  }
  return undefined;
}

const HTTP_METHOD =
  /(?:^|\.)(?:get|post|put|patch|delete|head|options|request|_request|ws_connect|TCPConnector|urlopen)$/;
/** Callees where `verify=False` means "do not verify the server certificate". */
const HTTP_CALL =
  /^(?:requests|httpx|aiohttp|urllib3|niquests|grequests)\b|(?:^|\.)(?:get|post|put|patch|delete|head|options|request|_request|send|stream|urlopen|fetch|download|upload|Client|AsyncClient|Session|HTTPAdapter|HTTPTransport|AsyncHTTPTransport)$|cert|ssl|tls/i;

/** Disabling TLS certificate or host name verification. */
export const tlsVerifyFalse: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/tls-verify-false',
  title: 'TLS certificate verification disabled',
  cwe: [295],
  severity: 'error',
  precision: 'high',
  securitySeverity: 7.5,
  message:
    'TLS certificate verification is turned off: anyone on the network path can impersonate the server and read or change the traffic',
  description: [
    'Without certificate verification an HTTPS connection is encrypted to *whoever answers*: an attacker on the network (hospital Wi-Fi, a compromised proxy, DNS spoofing) can present any certificate, read patient data and alter responses (CWE-295). Reported: `verify=False` in `requests` / `httpx` calls, clients and transports (other calls with a `verify` parameter, such as a solver\'s, are left alone), `session.verify = False`, aiohttp\'s `ssl=False` / `verify_ssl=False`, `ssl._create_unverified_context`, `ssl.CERT_NONE` / `cert_reqs="CERT_NONE"` and `check_hostname = False`.',
    '',
    'Keep verification on. For a private CA, pass its bundle: `verify="/etc/pki/hospital-ca.pem"`, or `ssl.create_default_context(cafile=...)`. `jwt.decode(..., verify=False)` is a different problem and is not reported here.',
  ].join('\n'),
  bad: 'resp = requests.get(fhir_url, verify=False, timeout=10)',
  good: 'resp = requests.get(fhir_url, verify="/etc/pki/hospital-ca.pem", timeout=10)',
  trigger:
    /verify(?:_ssl)?\s*=\s*False|ssl\s*=\s*False|_create_unverified_context|CERT_NONE|check_hostname\s*=\s*False/,
  check(ctx) {
    const { code, text } = ctx;
    const re =
      /\b(verify|verify_ssl|ssl)\s*=\s*False\b|(\.\s*verify|\.\s*check_hostname)\s*=\s*False\b|\bssl\s*\.\s*(?:_create_unverified_context|CERT_NONE)\b|\bcert_reqs\s*=\s*['"]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(code))) {
      const at = m.index;
      if (m[1]) {
        if (code[at - 1] === '.') continue;
        const callee = enclosingCallee(code, at);
        if (!callee || /jwt|decode|(?:^|\.)verify/i.test(callee)) continue;
        if (!(m[1] === 'ssl' ? HTTP_METHOD : HTTP_CALL).test(callee)) continue;
      } else if (/^ssl/.test(m[0])) {
        if (/(?:[=!]=|\bis(?:\s+not)?|\bin)\s*$/.test(code.slice(Math.max(0, at - 12), at))) continue;
      } else if (/^cert_reqs/.test(m[0])) {
        const q = at + m[0].length;
        if (!/^\s*CERT_NONE\s*['"]/.test(text.slice(q, q + 20))) continue;
      }
      ctx.report(at, at + m[0].length);
    }
  },
};
