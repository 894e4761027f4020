/**
 * Imported first by run.ts: graphql-js reads NODE_ENV once, when it loads, and outside
 * `production` runs a slower multi-realm check in every `instanceOf` (6.5% of a settings
 * read's CPU here). The Docker image runs with NODE_ENV=production; so do both servers of
 * the bench (Mailroom and the bare Apollo baseline share this process).
 */
process.env.NODE_ENV ??= 'production';
