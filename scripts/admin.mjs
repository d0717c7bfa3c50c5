// `npm run admin -- …`: see src/server/admin-cli.ts (TypeScript, run through tsx).
import { ensureDependencies, run } from './lib/setup.mjs';

ensureDependencies();
process.exit(run('node', ['--import', 'tsx', 'src/server/admin-cli.ts', ...process.argv.slice(2)]));
