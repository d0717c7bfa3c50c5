// `npm run test:e2e [-- <playwright arguments>]`: builds when the build is stale (the rule is
// scripts/lib/setup.mjs's, as for `npm start`), then runs Playwright with the arguments given,
// such as a spec file or `--grep`. A failed build stops here with its exit code, instead of
// every test waiting on a server with nothing to serve.
import { ensureBuild, run } from './lib/setup.mjs';

ensureBuild();
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]));
