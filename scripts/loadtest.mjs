// `npm run loadtest`: installs what is missing, then runs the load and fault tests
// (scripts/loadtest.ts) through tsx. Setting up writes to stderr; stdout is the one JSON object.
import { ensureDependencies } from './lib/setup.mjs';

ensureDependencies();
// tsx exists only after ensureDependencies.
const { register } = await import('tsx/esm/api');
register();
await import('./loadtest.ts');
