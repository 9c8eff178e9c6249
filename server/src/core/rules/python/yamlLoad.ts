import { LexicalRule } from '../ruleTypes';
import { pyCalls, pyImported } from './pyHelpers';

const UNSAFE_LOADER = /^(?:yaml\s*\.\s*)?C?(?:Unsafe)?Loader$/;

/** `yaml.load` without a safe Loader, and `yaml.unsafe_load`. */
export const yamlLoad: LexicalRule = {
  kind: 'lexical',
  families: ['python'],
  id: 'py/yaml-load',
  title: 'YAML loaded with an unsafe loader',
  cwe: [502],
  severity: 'error',
  precision: 'high',
  securitySeverity: 8.1,
  message: 'YAML is loaded with a loader that can build arbitrary Python objects (code execution on untrusted input)',
  description: [
    "PyYAML's `Loader` / `UnsafeLoader` (and `yaml.unsafe_load`) honour tags such as `!!python/object/apply:os.system`, so a YAML document can call any Python function while it is being read (CWE-502). `yaml.load(data)` without a `Loader` used the unsafe loader in old PyYAML releases and is an error in current ones.",
    '',
    'Use `yaml.safe_load` (or `Loader=yaml.SafeLoader` / `CSafeLoader`), which only builds plain data: dicts, lists, strings, numbers.',
    '',
    'Not reported: `yaml.full_load` / `FullLoader` (it refuses to run code since PyYAML 5.4; prefer `safe_load` anyway), and a `Loader` given as a variable the rule cannot resolve.',
  ].join('\n'),
  bad: 'protocol = yaml.load(upload.read(), Loader=yaml.Loader)',
  good: 'protocol = yaml.safe_load(upload.read())',
  trigger: /\b(?:load|load_all|unsafe_load|unsafe_load_all)\s*\(/,
  check(ctx) {
    const unsafe = pyImported(ctx.code, 'yaml', ['unsafe_load', 'unsafe_load_all']);
    const bare = [...pyImported(ctx.code, 'yaml', ['load', 'load_all']), ...unsafe];
    for (const call of pyCalls(ctx.code, ['yaml\\.(?:unsafe_)?load(?:_all)?', ...bare].join('|'))) {
      if (!call.name.startsWith('yaml.unsafe_') && !unsafe.includes(call.name)) {
        const args = call.args.map((a) => ctx.code.slice(a.start, a.end));
        if (args.length === 0) continue;
        const kw = args.find((a) => /^Loader\s*=/.test(a));
        const loader = kw
          ? kw.replace(/^Loader\s*=\s*/, '')
          : args[1] && !/^\w+\s*=/.test(args[1])
            ? args[1]
            : undefined;
        if (loader !== undefined && !UNSAFE_LOADER.test(loader)) continue;
      }
      ctx.report(call.start, call.end);
    }
  },
};
