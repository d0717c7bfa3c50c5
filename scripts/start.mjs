// `npm start`: install what is missing, build what is stale, then run the Forewarn server
// (src/server/main.ts: the kiosk, /review and /api on SQLite under ./data by default).
import { ensureBuild, ensureDependencies } from './lib/setup.mjs';

ensureDependencies();
ensureBuild();
// tsx is a dependency, so it exists only now: register it, then load the TypeScript server.
const { register } = await import('tsx/esm/api');
register();
const { run } = await import('../src/server/main.ts');
await run();
