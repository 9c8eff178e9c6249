// ESLint flat config for `npm run bench:rules`, passed with --config (no config lookup):
// every rule of eslint-plugin-security and @microsoft/eslint-plugin-sdl — their recommended
// configs, plus each plugin rule those leave out — and no other rules. SDL's recommended
// config also turns on a few core and third-party rules it considers part of the SDL set
// (no-eval, no-implied-eval, no-new-func, no-caller, no-delete-var, n/no-deprecated-api,
// react/*): they are kept, since that config is what SDL users run.
import securityPlugin from 'eslint-plugin-security';
import sdlPlugin from '@microsoft/eslint-plugin-sdl';
import tsParser from '@typescript-eslint/parser';

// A plugin rule that throws on odd code makes ESLint abort the whole run (SDL's
// no-insecure-random throws on `require(variable)`, which webpack's lib/ has). Each listener
// of the two plugins' rules is guarded instead, like Seclife's own rule runner does; the
// crashes are counted and, in run.mjs's ESLint process, printed to stderr at exit (`ruleCrashes={...}`).
const crashes = {};
if (process.env.SECLIFE_BENCH_ESLINT)
  process.on('exit', () => process.stderr.write(`ruleCrashes=${JSON.stringify(crashes)}\n`));
function guard(plugin, prefix) {
  const rules = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    rules[name] = {
      ...rule,
      create(context) {
        const listeners = rule.create(context);
        const out = {};
        for (const [selector, fn] of Object.entries(listeners)) {
          out[selector] = function guarded(...args) {
            try {
              return fn.apply(this, args);
            } catch {
              crashes[`${prefix}/${name}`] = (crashes[`${prefix}/${name}`] ?? 0) + 1;
            }
          };
        }
        return out;
      },
    };
  }
  return { ...plugin, rules };
}
const security = guard(securityPlugin, 'security');
const sdl = guard(sdlPlugin, '@microsoft/sdl');
const withPlugin = (config, name, plugin) =>
  config.plugins?.[name] ? { ...config, plugins: { ...config.plugins, [name]: plugin } } : config;

// SDL's configs register its own nested copy of eslint-plugin-security under `security`
// (and enable none of its rules): drop it so `security/*` is the pinned eslint-plugin-security.
const sdlRecommended = sdlPlugin.configs.recommended.map((c) => {
  if (!c.plugins?.security) return withPlugin(c, '@microsoft/sdl', sdl);
  const { security: _nested, ...plugins } = c.plugins;
  return withPlugin({ ...c, plugins }, '@microsoft/sdl', sdl);
});
const securityRecommended = withPlugin(securityPlugin.configs.recommended, 'security', security);

const enabled = new Set([...sdlRecommended, securityRecommended].flatMap((c) => Object.keys(c.rules ?? {})));
const rest = {};
for (const name of Object.keys(security.rules)) if (!enabled.has(`security/${name}`)) rest[`security/${name}`] = 'warn';
for (const name of Object.keys(sdl.rules))
  if (!enabled.has(`@microsoft/sdl/${name}`)) rest[`@microsoft/sdl/${name}`] = 'error';

export default [
  // The corpus is installed under node_modules/, which ESLint ignores by default.
  { ignores: ['!**/node_modules/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
  },
  ...sdlRecommended,
  securityRecommended,
  { rules: rest },
  // eslint-plugin-react (pulled in by SDL's config) otherwise warns that it cannot detect React.
  { settings: { react: { version: '19.0' } } },
];
