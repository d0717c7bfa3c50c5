// `npm run test:stress [-- <playwright arguments>]`: the whole Playwright suite, every test run
// twice (--repeat-each 2), while a background process keeps one core busy, as another job on a
// CI machine would. It must pass: a suite that goes red when the machine is busy teaches people
// to ignore red. Builds first when the build is stale, as `npm run test:e2e` does.
import { spawn } from 'node:child_process';
import {
  chromiumVersion,
  ensureBuild,
  ensureChromium,
  ensureDependencies,
  run,
} from './lib/setup.mjs';

ensureDependencies();
const chromium = ensureChromium();
ensureBuild();
console.log(`Chromium: ${chromiumVersion(chromium)}`);

// One core spinning for the whole run; it shares the process group, so Ctrl-C ends it too.
const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
const started = Date.now();
let status = 1;
try {
  status = run('npx', ['playwright', 'test', '--repeat-each', '2', ...process.argv.slice(2)], {
    env: { ...process.env, CHROMIUM_PATH: chromium },
  });
} finally {
  busy.kill('SIGKILL');
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\n${status === 0 ? '✔' : '✖'} stress: Playwright twice over, one core busy (${minutes} min)`,
);
process.exit(status);
