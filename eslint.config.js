// Lint for the structure only (issue #22): no import cycle, and imports that follow the layers
// of docs/ARCHITECTURE.md. Style stays with tsc and review; these rules guard what a type
// checker cannot see.
import tsPlugin from '@typescript-eslint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import typeImportCycles from './scripts/lint/typeImportCycles.mjs';

/** What a layer may not import: `from` folders are forbidden to files under `target`, `except` sub-folders of `from` allowed. */
const zones = [
  // The domain is pure: deciders, events, rules and their errors, nothing else of ours.
  { target: './src/domain', from: './src', except: ['./domain'], message: 'src/domain imports only src/domain (pure deciders, no I/O).' },
  // The event store knows the domain's event and decider shapes, no area or adapter of mail.
  { target: './src/eventstore', from: ['./src/app', './src/graphql', './src/server', './src/projections', './src/mail', './src/cli'], message: 'src/eventstore depends on the domain only.' },
  // src/mail holds adapters (IMAP/POP3, SMTP, DKIM, notices); application services drive them.
  { target: './src/mail', from: ['./src/app', './src/graphql', './src/server', './src/projections', './src/cli'], message: 'src/mail is adapters only: it may not import the application layer or what sits above it.' },
  // Read models are fed by events; they do not call services, resolvers or the server. Of the
  // application layer they use only the audit's pure parts (Merkle tree, what a setting change is).
  { target: './src/projections', from: ['./src/graphql', './src/server', './src/cli'], message: 'src/projections may not import GraphQL, the server or the CLI.' },
  { target: './src/projections', from: './src/app', except: ['./audit'], message: 'src/projections may import only src/app/audit of the application layer (services call projections, not the other way).' },
  // Application services are called by GraphQL, the server and the CLI, never the other way.
  { target: './src/app', from: ['./src/graphql', './src/server', './src/cli'], message: 'src/app may not import GraphQL, the server or the CLI (they call it).' },
  { target: './src/graphql', from: ['./src/server', './src/cli'], message: 'src/graphql may not import the server or the CLI (the composition root hands it what it needs).' },
  // Resolvers and types reach the read models through the loaders (DataLoaders and list pages, per request) and
  // the services. The loaders files, the context that makes them and the rights relay (PostgreSQL LISTEN/NOTIFY) are
  // this layer's data access; a row type a resolver needs is exported from a loaders file or a service.
  { target: './src/graphql/**/!(*loaders|context|rightsRelay).ts', from: './src/db', message: 'src/graphql reads data through its loaders (src/graphql/**/*loaders.ts) and the services, not src/db.' },
];

export default [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'data/**', '.peers/**', 'test/generated/**', 'console/web/**/*.js'] },
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    // typescript-eslint is registered (none of its rules on) so that a directive naming one of
    // its rules, as code often carries, is not an unknown-rule error.
    plugins: { '@typescript-eslint': tsPlugin, 'import-x': importX, architecture: { rules: { 'no-type-import-cycle': typeImportCycles } } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] } })],
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
    },
    // Directives for rules this config does not run (e.g. no-control-regex) are not errors here.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'architecture/no-type-import-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
];
