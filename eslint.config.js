// Lint: typescript-eslint and eslint-plugin-svelte recommended rules, Prettier owns formatting,
// plus the architecture as rules: a layer imports another layer only through that layer's index.ts,
// in the allowed direction. No runtime import cycle: tests/unit/core/import-cycles.test.ts (it was
// import-x/no-cycle here, 6.7 of lint's 20 CPU s; the test reads the same graph in milliseconds).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** Which layers each layer may import (through their index.ts only). */
const LAYERS = {
  scenario: [],
  core: ['scenario'],
  worker: ['core', 'scenario'],
  persist: ['core', 'scenario'],
  cli: ['core', 'scenario'],
  ui: ['worker', 'persist', 'core', 'scenario'],
};
const ALL = Object.keys(LAYERS);

function layerRules(layer) {
  const others = ALL.filter((l) => l !== layer);
  const allowed = LAYERS[layer];
  const forbidden = others.filter((l) => !allowed.includes(l));
  const patterns = [];
  if (forbidden.length)
    patterns.push({
      regex: `(^|/)(${forbidden.join('|')})(/|$)`,
      message: `${layer}/ must not import these layers (see ARCHITECTURE.md: ${layer} -> ${allowed.join(', ') || 'nothing'}).`,
    });
  if (allowed.length)
    patterns.push({
      regex: `^(\\.\\./)+(${allowed.join('|')})/(?!index\\.ts$).+`,
      message: 'Import another layer only through its index.ts.',
    });
  return {
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.svelte`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default ts.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'playwright-report/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // the core's shape (issue 22): a system reads as named phases, no function past a screenful,
    // no file past 450 lines
    files: ['src/core/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 450, skipBlankLines: false, skipComments: false }],
    },
  },
  ...ALL.map(layerRules),
  {
    // a ValidScenario comes only from parseScenario (scenario/validate.ts): a cast would forge the
    // proof that a scenario was validated, and a function downstream of a boundary would trust it
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/scenario/validate.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(TSAsExpression, TSTypeAssertion) > .typeAnnotation:matches(' +
            "TSTypeReference[typeName.name='ValidScenario'], TSUnionType:has(> TSTypeReference[typeName.name='ValidScenario']))",
          message: 'A ValidScenario comes only from parseScenario: validate the input, do not cast it.',
        },
      ],
    },
  },
);
