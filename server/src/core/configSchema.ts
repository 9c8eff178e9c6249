/**
 * JSON Schema of `seclife.json`. The build writes it to `schemas/seclife.schema.json`
 * (contributed to VS Code through `jsonValidation`); a test keeps the two equal.
 */
const severityOrOff = { enum: ['off', 'note', 'warning', 'error'] };
const globs = { type: 'array', items: { type: 'string', minLength: 1 } };
const ruleMap = {
  type: 'object',
  description: 'Severity per finding code or rule ID ("off" disables it).',
  additionalProperties: severityOrOff,
};
const need = {
  type: 'string',
  pattern: '^(implemented|verified|mitigated|enforced|in-manifest|links:.+)$',
  description:
    '"implemented", "verified", "mitigated", "enforced" (Rule names enabled rules), or "links:<Attribute>" (≥1 valid link in that attribute).',
};

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://seclife.dev/schemas/seclife.schema.json',
  title: 'Seclife configuration (seclife.json)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    documents: {
      ...globs,
      description: 'Globs of lifecycle Markdown documents. Default: docs/**/*.md, security/**/*.md.',
    },
    sources: {
      ...globs,
      description:
        'Globs of source files scanned for annotations. Default: every file whose language has a known comment syntax.',
    },
    tests: { ...globs, description: 'Globs of test files (where @verifies counts).' },
    exclude: {
      ...globs,
      description: 'Globs excluded in addition to node_modules, .git, dist, out, build, coverage and .gitignore.',
    },
    kinds: {
      type: 'object',
      description: 'Item kinds by ID prefix; entries merge with the defaults (SR, TH, RC, IF, SOUP, CS).',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          title: { type: 'string' },
          needs: { type: 'array', items: need },
          required: { type: 'array', items: { type: 'string' } },
          allowed: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          links: {
            type: 'object',
            additionalProperties: {
              oneOf: [
                { type: 'array', items: { type: 'string' } },
                {
                  type: 'object',
                  required: ['targets'],
                  additionalProperties: false,
                  properties: { targets: { type: 'array', items: { type: 'string' } }, satisfies: need },
                },
              ],
            },
          },
          interface: { type: 'boolean' },
        },
      },
    },
    rules: ruleMap,
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        required: ['files', 'rules'],
        additionalProperties: false,
        properties: { files: globs, rules: ruleMap },
      },
    },
    customRules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'message', 'pattern'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+/[a-z0-9-]+$' },
          message: { type: 'string' },
          pattern: { type: 'string' },
          languages: { type: 'array', items: { type: 'string' } },
          files: globs,
          severity: { enum: ['note', 'warning', 'error'] },
          cwe: { type: ['string', 'integer'] },
        },
      },
    },
    manifests: {
      ...globs,
      description:
        'Dependency manifests and SBOMs checked against SOUP items. Default: package.json, package-lock.json, requirements*.txt, pyproject.toml, bom.json, *.cdx.json at the root, and the package.json of npm workspace members.',
    },
    advisories: {
      ...globs,
      description:
        'Advisory files (the JSON of `npm audit --json`, OSV records) checked against SOUP items; nothing is fetched.',
    },
    testResults: {
      ...globs,
      description:
        'Test-result files read as verification evidence: JUnit XML, TAP, CTRF JSON (docs/verification.md). Default: test-results/**/*.{xml,json,tap} at any depth, **/junit*.xml, **/TEST-*.xml, **/*.junit.xml, **/ctrf*.json, **/*.tap.',
    },
    devDependencies: {
      type: 'boolean',
      description: 'Whether npm devDependencies need SOUP items too (default false).',
    },
    soup: {
      type: 'object',
      additionalProperties: false,
      properties: {
        transitive: {
          enum: ['ignore', 'require'],
          description:
            '`ignore` (default): indirect packages need no SOUP item of their own (their advisories are still checked under the direct dependency that brings them in); `require`: every resolved package needs one.',
        },
      },
    },
    vex: {
      ...globs,
      description:
        'VEX documents read as vulnerability dispositions: OpenVEX, CycloneDX VEX, CSAF VEX (docs/vulnerabilities.md). Default: **/*.openvex.json, **/*.vex.json, **/*.vex.cdx.json, **/vex/**/*.json, **/csaf/**/*.json.',
    },
    vulnerabilities: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxAdvisoryAgeDays: {
          type: 'integer',
          minimum: 0,
          description:
            'advisory-data-stale when the newest advisory file is older than this many days (default 30; 0: never).',
        },
        underInvestigationDays: {
          type: 'object',
          additionalProperties: { type: 'integer', minimum: 0 },
          description:
            'under-investigation-overdue after this many days, by advisory severity: critical, high, medium, low, default (defaults 7, 14, 30, 90, 30).',
        },
      },
    },
    gate: {
      type: 'object',
      additionalProperties: false,
      properties: {
        failOn: { enum: ['error', 'warning', 'note', 'never'] },
        coverage: {
          type: 'object',
          properties: {
            verification: {
              enum: ['passed', 'annotated'],
              description:
                '"passed": an item is verified only by a linked test that passed in a test-result file, also when no result file is read (then the gate fails and says why). Default "annotated".',
            },
          },
          additionalProperties: { type: 'number', minimum: 0, maximum: 100 },
        },
        maxFindings: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
      },
    },
    maxFileSize: {
      type: 'integer',
      minimum: 1,
      description: 'Files larger than this many bytes are skipped with a note. Default 4 MiB.',
    },
    followExternalSymlinks: {
      type: 'boolean',
      description:
        'Read files whose symbolic link points outside the workspace folder (default false: they are skipped with a note). Folders are never followed; only regular files are read. See docs/security-model.md.',
    },
  },
} as const;
