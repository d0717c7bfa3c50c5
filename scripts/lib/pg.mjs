// A throwaway PostgreSQL cluster on loopback, for `npm test`, `npm run loadtest` and `npm run bench`:
// initdb into a temporary folder, a server on a free port reachable only from 127.0.0.1, removed
// when the process exits. Node built-ins only, like setup.mjs.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The folder holding initdb, pg_ctl and postgres: PG_BIN, else Debian's newest PostgreSQL. */
export function findPostgres() {
  const candidates = [process.env.PG_BIN];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(debian, version, 'bin'));
  }
  return candidates.find(
    (dir) => dir && existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb')),
  );
}

/** Finds PostgreSQL; as root on Debian, installs Debian's postgresql package when it is missing. */
export function ensurePostgres() {
  let found = findPostgres();
  if (!found && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
    console.error("• PostgreSQL not found: installing Debian's postgresql package…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', 'postgresql'],
    ]) {
      const status = spawnSync('apt-get', args, { stdio: ['inherit', 2, 2], env }).status;
      if (status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${status}).`);
    }
    found = findPostgres();
  }
  if (!found) {
    throw new Error(
      'PostgreSQL was not found. Install it (Debian: apt-get install postgresql) or set PG_BIN to ' +
        'the folder holding initdb and postgres.',
    );
  }
  return found;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a new cluster and returns its URL, with stop() and start() for the fault tests. `fast`
 * turns off fsync for test suites, whose data is thrown away; the load test and the bench keep
 * PostgreSQL's durable defaults, so their figures are honest.
 */
export async function startCluster({ fast = false } = {}) {
  const bin = ensurePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'forewarn-pg-'));
  // PostgreSQL will not run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    spawnSync('chown', ['postgres:', dir]);
    chmodSync(dir, 0o700);
  }
  const as = (command, args) =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const run = (command, args) => exec(...as(join(bin, command), args), { maxBuffer: 1 << 24 });

  const data = join(dir, 'data');
  await run('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const settings = [
    `-c listen_addresses=127.0.0.1`,
    `-p ${port}`,
    `-k ${dir}`,
    `-c max_connections=400`,
    ...(fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const log = join(dir, 'postgres.log');
  const start = async () => {
    await run('pg_ctl', ['-D', data, '-l', log, '-o', settings, '-w', '-t', '60', 'start']);
  };
  const stop = async (mode = 'fast') => {
    await run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  try {
    await start();
  } catch (error) {
    const tail = existsSync(log) ? spawnSync('tail', ['-20', log]).stdout.toString() : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${error.message}\n${tail}`);
  }
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    spawnSync(...as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), {
      stdio: 'ignore',
    });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    /** Stops the server and deletes the cluster. */
    remove,
  };
}
