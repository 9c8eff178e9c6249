import { LexicalRule } from '../ruleTypes';
import { pyCalls } from './pyHelpers';

/** `app.run(debug=True)` and friends: the Werkzeug debugger runs code sent from the browser. */
export const flaskDebug: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/flask-debug',
  title: 'Flask debug mode enabled',
  cwe: [489, 94],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.8,
  message: 'the Flask/Werkzeug debugger is enabled: anyone who can reach the server can run Python code in it',
  description: [
    'In debug mode a Flask application serves the Werkzeug interactive debugger: every unhandled exception page has a Python console running inside the server process. The console PIN is derived from values an attacker can often read, and the tracebacks leak source code, configuration and patient data (CWE-489, CWE-94).',
    '',
    'Reported: `app.run(debug=True)` (also `run_server` for Dash and `socketio.run(app, debug=True)`), `app.debug = True`, `app.config["DEBUG"] = True`, and `werkzeug.serving.run_simple(..., use_debugger=True)`, where the receiver is called `app` / `application` / `flask_app` or is assigned from `Flask(...)`, `create_app(...)` or `SocketIO(...)`. A value read from configuration (`debug=settings.DEBUG`) is not reported.',
    '',
    'Never enable the debugger outside a developer machine: run with `flask run` and `FLASK_DEBUG` unset, and serve production with gunicorn or uWSGI.',
  ].join('\n'),
  bad: 'app.run(host="0.0.0.0", port=8080, debug=True)',
  good: 'app.run(host="127.0.0.1", port=8080, debug=os.environ.get("FLASK_DEBUG") == "1")',
  trigger: /debug\s*=\s*True|use_debugger\s*=\s*True|DEBUG/,
  check(ctx) {
    const { code, text } = ctx;
    const apps = new Set(['app', 'application', 'flask_app']);
    const assigned = /^[ \t]*(\w+)\s*(?::[^=\n]*)?=\s*(?:[\w.]*\.)?(?:Flask|create_app|SocketIO)\s*\(/gm;
    for (let m; (m = assigned.exec(code)); ) apps.add(m[1]!);
    const names = [`(?:${[...apps].join('|')})\\.run(?:_server)?`, '(?:werkzeug\\.serving\\.)?run_simple'];
    for (const call of pyCalls(code, names.join('|'))) {
      const args = call.args.map((a) => code.slice(a.start, a.end));
      const key = call.name.endsWith('run_simple') ? 'use_debugger' : 'debug';
      if (args.some((a) => new RegExp(`^${key}\\s*=\\s*True$`).test(a))) ctx.report(call.start, call.end);
    }
    const attr = /(?<![\w.])(\w+)\s*\.\s*(?:debug|config\s*\[\s*(["'])( *)\2\s*\])\s*=\s*True\b/g;
    for (let m; (m = attr.exec(code)); ) {
      if (!apps.has(m[1]!)) continue;
      if (m[2] !== undefined) {
        const q = m.index + m[0].indexOf(m[2]) + 1;
        if (text.slice(q, q + m[3]!.length) !== 'DEBUG') continue;
      }
      ctx.report(m.index, m.index + m[0].length);
    }
  },
};
