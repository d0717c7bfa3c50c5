// `npm start`: install what is missing, build what is stale, then serve Forewarn.
import { ensureBuild, ensureDependencies } from './lib/setup.mjs';

ensureDependencies();
ensureBuild();
const { startServer } = await import('./serve.mjs');
startServer();
