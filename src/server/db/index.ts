/**
 * Opens the store: SQLite (better-sqlite3, WAL) by default, under ./data, or PostgreSQL when
 * DATABASE_URL is a postgres:// URL. Kysely is the only way the server talks to either, and the
 * same migrations make both.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { isPostgres } from './dialect.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export const DEFAULT_SQLITE_FILE = './data/forewarn.sqlite';

export interface Store {
  db: Db;
  /** Where the data is, for the start-up message: never a password. */
  describe: string;
  close(): Promise<void>;
}

// Counts and sums come back from PostgreSQL as bigint and numeric, which pg gives as strings.
// Every such figure here fits a double, so read them as numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

export { isPostgres };

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:/.test(url);
}

/**
 * A postgres:// URL, a `sqlite:` URL or a file path (':memory:' for tests). `migrate: false` for
 * the workers of a cluster, whose primary has migrated already.
 */
export async function openStore(
  url = process.env.DATABASE_URL ?? DEFAULT_SQLITE_FILE,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const db = isPostgresUrl(url) ? openPostgres(url) : openSqlite(url);
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    describe: isPostgresUrl(url)
      ? `PostgreSQL at ${describePostgres(url)}`
      : `SQLite at ${url.replace(/^sqlite:(\/\/)?/, '')}`,
    close: () => db.destroy(),
  };
}

function openSqlite(url: string): Db {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets /review read while devices write. FULL sync: an acknowledged batch survives power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL ?? 10),
    // A request waits this long for a connection, then fails with a 503 the client retries.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that PostgreSQL drops (a restart, a failover) must not end the process:
  // the pool replaces it, and requests in the meantime get 503 with Retry-After.
  pool.on('error', () => {});
  // So must one dropped while a request holds it (mid-transaction): that request's query fails
  // (503), and the pool discards the connection when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** host:port/database, without the user or password. */
function describePostgres(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

/**
 * Several processes may start at once on one PostgreSQL: Kysely's Migrator takes an advisory lock,
 * so one migrates and the others wait, then find nothing to do.
 */
export async function migrate(db: Db, { to }: { to?: string } = {}): Promise<void> {
  // Kysely's own tables in the schema the store uses (the first on search_path), not one of the
  // same name that another schema of the database happens to hold.
  const schema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // `to` (a migration's name) is for the tests of a migration: the store as it was before it.
  const { error, results } = await (to ? migrator.migrateTo(to) : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`,
    );
  }
}

/**
 * Serialises writers of one device's chain across processes: PostgreSQL locks the device's row
 * until the transaction ends. SQLite needs nothing, as it has one writer at a time.
 */
export async function lockDevice(trx: Db, id: string): Promise<void> {
  if (isPostgres(trx)) await sql`select 1 from devices where id = ${id} for update`.execute(trx);
}
