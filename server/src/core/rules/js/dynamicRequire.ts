import ts from 'typescript';
import { JsRule } from '../ruleTypes';
import { isConstantish, unwrap } from './injectionHelpers';

/** `require(x)` / `import(x)` whose specifier is computed from something other than constants and the module's own location. */
export const dynamicRequire: JsRule = {
  kind: 'js',
  id: 'js/dynamic-require',
  title: 'Module loaded from a computed specifier',
  cwe: [829, 94],
  severity: 'warning',
  precision: 'medium',
  securitySeverity: 7.3,
  message: 'require()/import() of a computed module specifier: whoever controls it chooses which code runs',
  description:
    'Loading a module runs its top-level code. When the specifier passed to `require()` or `import()` is computed, whoever controls the variable part chooses the code that runs — ' +
    'a request parameter such as `?lang=../../uploads/evil` turns a locale loader into remote code execution (CWE-829, CWE-94). ' +
    "The rule does not report specifiers built only from constants, `const`s holding constants, SCREAMING_CASE constants, values imported from the project's own modules, " +
    "what whoever starts the process chose (`process.env.X`, `process.argv`, `process.platform`), `require('./package.json').name`, " +
    '`__dirname`/`__filename`/`import.meta.url`/`process.cwd()` and `path.join`/`path.resolve` of those, nor loops over a constant array of names. ' +
    'It reports everything else, because it cannot know where a variable comes from (hence medium precision): load from a fixed table of allowed modules instead.',
  bad: 'const plugin = require(`./plugins/${req.query.name}`);',
  good: "const PLUGINS = { pdf: () => require('./plugins/pdf'), hl7: () => require('./plugins/hl7') } as const;\nconst plugin = PLUGINS[name as keyof typeof PLUGINS]?.();",
  // The specifier does not start with a quote, or something follows the first quoted string.
  trigger: /\b(?:require|import)\s*\(\s*(?:[^'"\s)]|['"][^'"\n]*['"]\s*[^)\s,])/,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, ctx) => {
      const call = node as ts.CallExpression;
      const callee = call.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (!isImport && !(ts.isIdentifier(callee) && callee.text === 'require')) return;
      const spec = call.arguments[0];
      if (!spec || ts.isSpreadElement(spec)) return;
      // AMD: require(['a', 'b'], cb) with a constant dependency list.
      const s = unwrap(spec);
      if (
        ts.isArrayLiteralExpression(s) && !isImport
          ? s.elements.every((e) => isConstantish(ctx, e))
          : isConstantish(ctx, s)
      )
        return;
      ctx.report(call);
    },
  },
};
