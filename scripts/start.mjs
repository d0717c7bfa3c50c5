// `npm start`: install what is missing, build what is stale, then run the Forewarn server
// (src/server/main.ts: the kiosk, /review and /api on SQLite under ./data by default).
import { ensureBuild, ensureDependencies } from './lib/setup.mjs';

ensureDependencies();
ensureBuild();
// tsx is a dependency, so it exists only now: register it, then load the TypeScript server.
const { register } = await import('tsx/esm/api');
register();
const { start, ConfigError } = await import('../src/server/main.ts');
try {
  await start();
} catch (error) {
  // A setting the server cannot start without: its message says what to set, no stack needed.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
