// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'util', 'worker_threads'];
/** The file-system modules: only electron/host/platform/ may import them. */
const FS_MODULES = ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'graceful-fs', 'fs-extra'];
const FEATURES = ['briefs', 'sources', 'facts', 'annotations', 'search', 'export', 'imports'];

/** The layer rules of ARCHITECTURE.md, as import-x zones: `from` may not be imported by files under `target`. */
const layerZones = [
  { target: './shared', from: ['./electron', './renderer', './test', './scripts'], message: 'shared/ imports only shared/ and pure libraries.' },
  { target: './electron/host', from: ['./electron/main', './electron/preload', './renderer'], message: 'electron/host runs in plain Node: it may import only host/ and shared/.' },
  { target: './renderer', from: ['./electron', './test', './scripts'], message: 'renderer/ imports only renderer/ and shared/.' },
  { target: './renderer/src/components', from: ['./renderer/src/app', './renderer/src/editor', './renderer/src/features', './renderer/src/api', './shared'], message: 'components/ are presentational: they import only components/.' },
  { target: './renderer/src/editor', from: ['./renderer/src/app', './renderer/src/features', './renderer/src/api'], message: 'editor/ imports only components/ and shared/.' },
  { target: './renderer/src/api', from: ['./renderer/src/app', './renderer/src/features', './renderer/src/editor', './renderer/src/components'], message: 'api/ imports only shared/.' },
  { target: './renderer/src/features', from: ['./renderer/src/app'], message: 'Only app/ imports features/, never the other way round.' },
  ...FEATURES.map((feature) => ({
    target: `./renderer/src/features/${feature}`,
    from: './renderer/src/features',
    except: [`./${feature}`],
    message: 'A feature never imports another feature.',
  })),
];

const restrictedPackages = (names, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: names, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/bench/results/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ noWarnOnMultipleProjects: true, project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test.json'] })],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrictedPackages(
      [...NODE_BUILTINS, 'electron', 'electron-store', 'conf', 'react', 'react-dom', 'lexical', '@lexical/*'],
      'shared/ is pure: no Node built-ins, no DOM, no React, no Electron.',
    ),
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron-store'], message: 'electron/host runs in plain Node: it never imports electron or electron-store (use conf).' },
            { group: FS_MODULES, message: 'Files are touched only through electron/host/platform/ (ConfinedFolder): no symlink followed, no read unbounded.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/platform/**/*.ts'],
    rules: restrictedPackages(['electron', 'electron-store'], 'electron/host runs in plain Node: it never imports electron or electron-store (use conf).'),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: restrictedPackages(FS_MODULES, 'Files are touched only through electron/host/platform/ (ConfinedFolder): no symlink followed, no read unbounded.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrictedPackages([...NODE_BUILTINS, 'electron', 'electron-store', 'conf'], 'The renderer never imports Electron or Node built-ins: ask the host through the api/ client.'),
    },
  },
);
