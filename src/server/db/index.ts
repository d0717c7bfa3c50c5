/**
 * Opens the store: SQLite (better-sqlite3, WAL) by default, under ./data. Kysely is the only way
 * the server talks to it, so that the PostgreSQL adapter (DATABASE_URL=postgres://…) slots in here.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
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

/** A `sqlite:` URL or file path (':memory:' for tests); PostgreSQL arrives with issue 6. */
export async function openStore(
  url = process.env.DATABASE_URL ?? DEFAULT_SQLITE_FILE,
): Promise<Store> {
  if (/^postgres(ql)?:/.test(url)) {
    throw new Error('PostgreSQL is not supported yet: unset DATABASE_URL to use SQLite.');
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets /review read while devices write. FULL sync: an acknowledged batch survives power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return { db, describe: `SQLite at ${file}`, close: () => db.destroy() };
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`,
    );
  }
}
