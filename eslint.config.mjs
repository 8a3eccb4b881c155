// Flat config for the whole workspace; each project's `lint` target runs `eslint {projectRoot}`.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/.data/**', '**/coverage/**'] },

  // .tsx: the web app (apps/web).
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx'] })),

  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Lib specs import @helix/testing, which itself builds on libs (db, ...): a test-only
          // cycle. Production code never imports test-support (no-restricted-imports below).
          ignoredCircularDependencies: [['tag:type:test-support', 'tag:type:lib']],
          depConstraints: [
            // Layering: apps sit on libs; libs only on other libs (never on an app).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Benchmarks drive the services as processes and reach libs only through their entry points.
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:lib'] },
            // End-to-end tests drive every service as a process and a browser: libs only, never an app's internals.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            // Scopes: every product only reaches shared code; robots never import master code.
            { sourceTag: 'scope:master', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:robot', onlyDependOnLibsWithTags: ['scope:shared', 'scope:robot'] },
            { sourceTag: 'scope:ops', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The web service (apps/web-server) and the SPA (apps/web): shared code only, never a robot's or the master's.
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:shared', 'scope:robot'] },
          ],
        },
      ],
    },
  },

  // type:test-support (@helix/testing) is for tests and benchmarks only. depConstraints work per
  // project, not per file, so that is enforced here: forbidden everywhere except specs, test-helper
  // folders and bench/.
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', 'tools/jest/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@helix/testing',
              message: '@helix/testing (type:test-support) só pode ser importado em *.spec.ts, pastas testing/ ou bench/.',
            },
          ],
        },
      ],
    },
  },

  // RouteSpec's schema generics default to `any` so routes with and without params/query/body
  // share one type; narrowing them breaks inference at every route declaration.
  {
    files: ['libs/http/src/routes.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Tests and their helpers read JSON responses as `any` (e.g. spawn-master's admin() body) to
  // assert on fields without a cast per line; production code stays strict.
  {
    files: ['**/*.spec.ts', 'libs/testing/**/*.ts', '**/src/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Formatting is Prettier's (`prettier --check .` in `npm run lint`): no ESLint rule may disagree with it.
  prettier,
);
