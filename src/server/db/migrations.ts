/**
 * Versioned migrations, applied in name order by Kysely's Migrator at start. Never edit one that
 * has shipped: add the next. Schema-builder calls only, so each runs on SQLite and PostgreSQL.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './dialect.js';

export const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('enrolment_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('area', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('device_id', 'text')
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('local_id', 'text', (c) => c.notNull().unique())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('area', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('enrolled_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_sync_at', 'text')
        .addColumn('clock_offset_ms', 'bigint')
        .addColumn('base_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('base_hash', 'text')
        .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_seq', 'integer')
        .addColumn('last_seq', 'integer')
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('device', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('shown_at', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('formats', 'text', (c) => c.notNull())
        .addColumn('formats_mask', 'integer', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('circumstance', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('area', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('sig', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('clock_offset_ms', 'bigint')
        .addUniqueConstraint('events_device_seq', ['device', 'seq'])
        .execute();
      await db.schema.createIndex('events_day').on('events').column('day').execute();

      await db.schema
        .createTable('event_counts')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('circumstance', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('formats_mask', 'integer', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_counts_key', [
          'day',
          'area',
          'circumstance',
          'lang',
          'outcome',
          'reason',
          'formats_mask',
        ])
        .execute();

      await db.schema
        .createTable('chain_faults')
        .addColumn('device', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('found_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('chain_faults_key', ['device', 'seq', 'kind'])
        .execute();

      await db.schema
        .createTable('disclosures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-feedback': {
    async up(db: Kysely<unknown>) {
      // IPAG feedback on one notice. No free text but the comment, which is only ever shown as text.
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('understood', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('assistive_tech', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .execute();
      await db.schema
        .createIndex('feedback_format_lang')
        .on('feedback')
        .columns(['format', 'lang'])
        .execute();
      await db.schema.createIndex('feedback_user').on('feedback').column('user_id').execute();

      // Overrides locales/index.json's review status at runtime; a locale with no row keeps it.
      await db.schema
        .createTable('translation_status')
        .addColumn('tag', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();

      // Append-only: every change of a translation's status, with who made it and when.
      await db.schema
        .createTable('translation_audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003-rate-limits': {
    async up(db: Kysely<unknown>) {
      // Counters only: on PostgreSQL unlogged (no WAL, emptied by a crash), as a lost count is harmless.
      let table = db.schema.createTable('rate_limits');
      if (isPostgres(db)) table = table.modifyFront(sql`unlogged`);
      await table
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '0004-content': {
    async up(db: Kysely<unknown>) {
      // The bytes, once per SHA-256, in the database: every app server sees them, on SQLite and
      // PostgreSQL alike, with no file store to run or back up apart.
      await db.schema
        .createTable('content_blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('content_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('made_by', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('content_blobs.sha256'))
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('captions', 'text')
        .addColumn('transcript', 'text')
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_by_name', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_by_name', 'text')
        .addColumn('reviewer_role', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema
        .createIndex('content_items_status')
        .on('content_items')
        .columns(['status', 'kind', 'lang'])
        .execute();
    },
  },
  '0005-events-v2': {
    async up(db: Kysely<unknown>) {
      // NoticeEvent schema v2's fields; a v1 event leaves them null.
      for (const column of ['content_version', 'content_items', 'check_answer'])
        await db.schema.alterTable('events').addColumn(column, 'text').execute();
    },
  },
  '0006-published-periods': {
    async up(db: Kysely<unknown>) {
      // The ipag role's figures for a quarter, computed once and then served unchanged, so that
      // late syncs and retention cannot be read off by asking again.
      await db.schema
        .createTable('published_periods')
        .addColumn('period', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0007-audit-log': {
    async up(db: Kysely<unknown>) {
      // The security audit log, beside the disclosure log: sign-ins, codes, devices, imports…
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      // Both logs are read newest first (by id, a UUIDv7), filtered by what happened.
      await db.schema
        .createIndex('audit_log_kind')
        .on('audit_log')
        .columns(['kind', 'id'])
        .execute();
      await db.schema
        .createIndex('disclosures_action')
        .on('disclosures')
        .columns(['action', 'id'])
        .execute();
      // Append-only in the database itself, not only by having no code that changes them: an
      // UPDATE or DELETE of either log fails, whoever sends it.
      if (isPostgres(db)) {
        await sql`create or replace function append_only() returns trigger language plpgsql as $$
          begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
      }
      for (const table of ['audit_log', 'disclosures']) {
        if (isPostgres(db)) {
          await sql`create trigger ${sql.id(`${table}_append_only`)}
            before update or delete on ${sql.table(table)}
            for each row execute function append_only()`.execute(db);
        } else {
          for (const op of ['update', 'delete']) {
            await sql`create trigger ${sql.id(`${table}_no_${op}`)}
              before ${sql.raw(op)} on ${sql.table(table)}
              begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db);
          }
        }
      }
    },
  },
  '0008-device-proof': {
    async up(db: Kysely<unknown>) {
      // Single-use challenges a device signs, with the code, to enrol: in the store, so that any
      // app server can check one another issued.
      await db.schema
        .createTable('device_nonces')
        .addColumn('nonce_hash', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      // An export from a device this server does not know, held until an admin approves its key.
      await db.schema
        .createTable('held_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('area', 'text')
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('first_seq', 'integer', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('bundle', 'text', (c) => c.notNull())
        .addColumn('held_by', 'text', (c) => c.notNull())
        .addColumn('held_at', 'text', (c) => c.notNull())
        .execute();

      // An event's id is unique within its device, not across devices: one device's ids can no
      // longer block another's.
      if (isPostgres(db)) {
        await sql`alter table events drop constraint events_pkey`.execute(db);
        await sql`alter table events add constraint events_pkey primary key (device, id)`.execute(
          db,
        );
      } else {
        // SQLite cannot change a primary key: the table is made again and the rows copied.
        // Each column as 0001 and 0005 made it: its name, its type and whether it may be null.
        const columns: [string, 'text' | 'integer' | 'bigint', 'not null' | 'null'][] = [
          ['id', 'text', 'not null'],
          ['device', 'text', 'not null'],
          ['device_id', 'text', 'not null'],
          ['seq', 'integer', 'not null'],
          ['shown_at', 'text', 'not null'],
          ['day', 'text', 'not null'],
          ['week', 'text', 'not null'],
          ['duration_ms', 'integer', 'not null'],
          ['formats', 'text', 'not null'],
          ['formats_mask', 'integer', 'not null'],
          ['lang', 'text', 'not null'],
          ['circumstance', 'text', 'not null'],
          ['outcome', 'text', 'not null'],
          ['reason', 'text', 'null'],
          ['area', 'text', 'null'],
          ['prev_hash', 'text', 'not null'],
          ['hash', 'text', 'not null'],
          ['sig', 'text', 'not null'],
          ['received_at', 'text', 'not null'],
          ['clock_offset_ms', 'bigint', 'null'],
          ['content_version', 'text', 'null'],
          ['content_items', 'text', 'null'],
          ['check_answer', 'text', 'null'],
        ];
        let table = db.schema.createTable('events_by_device');
        for (const [name, type, nullable] of columns) {
          table = table.addColumn(name, type, (c) => {
            const column = nullable === 'not null' ? c.notNull() : c;
            return name === 'device' ? column.references('devices.id') : column;
          });
        }
        // The columns were added in a loop, so their names are not known to the type.
        await table
          .addPrimaryKeyConstraint('events_pkey', ['device', 'id'] as never[])
          .addUniqueConstraint('events_device_seq', ['device', 'seq'] as never[])
          .execute();
        const list = sql.raw(columns.map(([name]) => name).join(', '));
        await sql`insert into events_by_device (${list}) select ${list} from events`.execute(db);
        await db.schema.dropTable('events').execute();
        await db.schema.alterTable('events_by_device').renameTo('events').execute();
        await db.schema.createIndex('events_day').on('events').column('day').execute();
      }

      // Codes are now kept as an HMAC under a server key; one issued before cannot be checked,
      // so it ends now and the administrator issues a new one.
      await sql`update enrolment_codes set expires_at = ${new Date().toISOString()}
        where used_at is null and expires_at > ${new Date().toISOString()}`.execute(db);
    },
  },
  '0009-accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('users')
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('sessions').addColumn('stage', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('challenge', 'text').execute();
      // Counters only, like rate_limits: on PostgreSQL unlogged, as a lost count is harmless.
      let throttle = db.schema.createTable('sign_in_throttle');
      if (isPostgres(db)) throttle = throttle.modifyFront(sql`unlogged`);
      await throttle
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('next_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('passkeys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('counter', 'bigint', (c) => c.notNull())
        .addColumn('transports', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('passkeys_user').on('passkeys').column('user_id').execute();
      await db.schema
        .createTable('recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createIndex('recovery_codes_user')
        .on('recovery_codes')
        .column('user_id')
        .execute();
    },
  },
  '0010-no-lock-out': {
    async up(db: Kysely<unknown>) {
      // The hard lock-out is gone (sign-in-delay.ts slows the guesser instead): its columns go too.
      await db.schema.alterTable('users').dropColumn('failed_attempts').execute();
      await db.schema.alterTable('users').dropColumn('locked_until').execute();
    },
  },
};
