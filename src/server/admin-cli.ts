/**
 * `npm run admin -- …`: manage accounts, devices and retention on this server's store, from the
 * machine it runs on. Passwords made here are printed once and never stored in clear.
 */
import { userInfo } from 'node:os';
import {
  AUDIT_KINDS,
  DISCLOSURE_ACTIONS,
  ROLES,
  type AuditEntry,
  type AuditKind,
  type AuditOutcome,
  type Disclosure,
  type DisclosureAction,
} from '../schema/api.js';
import {
  createUser,
  findUser,
  isRole,
  listUsers,
  oneTimePassword,
  setDisabled,
  setPassword,
  unlock,
} from './accounts.js';
import { openStore } from './db/index.js';
import { resetMfa } from './passkeys.js';
import { issueEnrolmentCode, listDevices, revokeDevice } from './devices.js';
import { approveHeldImport, discardHeldImport, heldImports } from './import.js';
import { HttpError } from './errors.js';
import { disclosures } from './disclosure.js';
import { audited, auditLog, deviceDetail, type Actor } from './audit.js';
import { LOG_ID, type Page } from './log-page.js';
import { getRetentionDays, purgeExpired, setRetentionDays } from './retention.js';

const USAGE = `Usage: npm run admin -- <command>

  user add NAME ROLE        make an account (ROLE: admin, reviewer, ipag or editor); prints a one-time password
  user list                 list accounts
  user password NAME        set a new one-time password (ends NAME's sessions, lifts sign-in delays)
  user unlock NAME          lift the sign-in delay after wrong passwords, from every address
  user reset-mfa NAME       remove NAME's passkeys and recovery codes (lost them all); they add a new one at next sign-in
  user disable NAME         stop an account signing in (ends its sessions)
  user enable NAME          let a disabled account sign in again
  code [AREA] [--days N]    issue a one-time device enrolment code, for an area such as KENT-N
  device list               list devices
  device revoke DEVICE_ID   stop a device sending events (and its exports being imported)
  device held               list imports held because their device is unknown
  device approve HELD_ID    approve a held import's device key: the device is added, its events stored
  device discard HELD_ID    discard a held import; nothing of it was stored
  retention [DAYS]          show, or set, how many days the server keeps individual events
  retention purge           remove individual events older than the retention period now
  disclosures [--action A] [--from DAY] [--to DAY] [--before ID|DAY] [--limit N]
                            show the disclosure log, newest first, a page at a time
                            (A: ${DISCLOSURE_ACTIONS.join(', ')})
  audit [--kind K] [--outcome success|failure] [--from DAY] [--to DAY] [--before ID|DAY] [--limit N]
                            show the security audit log, newest first, a page at a time
                            (K: ${AUDIT_KINDS.join(', ')})

The store is the one npm start uses: DATABASE_URL, else ./data/forewarn.sqlite.`;

/** Whoever runs the command, by their login on this machine, for the audit log. */
function cliActor(): Actor {
  try {
    const name = userInfo().username;
    return /^[a-z0-9][a-z0-9._@-]{0,63}$/i.test(name) ? { type: 'cli', name } : { type: 'cli' };
  } catch {
    return { type: 'cli' };
  }
}

/**
 * `--name value` options for the log commands. `--before` takes the id the last page ended at, or
 * a day: the entries before that day.
 */
function logOptions(args: string[], filters: string[]) {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!.replace(/^--/, '');
    const value = args[i + 1];
    if (!args[i]!.startsWith('--') || ![...filters, 'from', 'to', 'before', 'limit'].includes(name))
      throw new HttpError(400, 'invalid', `Unknown option ${args[i]}. See npm run admin -- help.`);
    if (value === undefined) throw new HttpError(400, 'invalid', `Give a value after --${name}.`);
    options[name] = value;
  }
  const { before, limit, ...rest } = options;
  const query: Record<string, string | number> = { ...rest };
  if (limit !== undefined) query.limit = Number(limit);
  if (before !== undefined && LOG_ID.test(before)) query.before = before;
  else if (before !== undefined) {
    const day = new Date(`${before}T00:00:00.000Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(before) || Number.isNaN(day.getTime()))
      throw new HttpError(400, 'invalid', '--before is an entry id or a day (YYYY-MM-DD).');
    const last = new Date(day.getTime() - 86_400_000).toISOString().slice(0, 10);
    if (!query.to || String(query.to) > last) query.to = last;
  }
  return query;
}

function printPage<T>(page: Page<T>, row: (entry: T) => Record<string, unknown>, again: string[]) {
  table(page.entries.map(row));
  if (page.next) {
    const options = again.filter((_, i) => again[i] !== '--before' && again[i - 1] !== '--before');
    console.log(`Older entries: npm run admin -- ${[...options, '--before', page.next].join(' ')}`);
  }
}

const details = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');

function table(rows: Record<string, unknown>[]): void {
  if (!rows.length) console.log('(none)');
  else console.table(rows);
}

export async function main(args: string[]): Promise<number> {
  const [group, action, ...rest] = args;
  if (!group || group === 'help' || group === '--help') {
    console.log(USAGE);
    return group ? 0 : 2;
  }
  const store = await openStore();
  const { db } = store;
  const actor = cliActor();
  const name = rest[0] ?? '';
  /** An account change, recorded in the audit log with the account's name. */
  const account = <T>(
    action: 'add' | 'password' | 'unlock' | 'disable' | 'enable',
    work: () => Promise<T>,
  ) =>
    audited(db, 'account', actor, work, () => ({
      action,
      ...(/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name) ? { username: name } : {}),
    }));
  try {
    switch (`${group} ${action ?? ''}`.trim()) {
      case 'user add': {
        const role = rest[1];
        if (!isRole(role)) throw new HttpError(400, 'invalid', `Give a role: ${ROLES.join(', ')}.`);
        const password = oneTimePassword();
        await account('add', () => createUser(db, name, role, password, { oneTime: true }));
        console.log(
          `Made ${role} account "${name}". One-time password (shown once): ${password}\nThey choose their own when they first sign in.`,
        );
        break;
      }
      case 'user list':
        table(await listUsers(db));
        break;
      case 'user password': {
        const password = oneTimePassword();
        await account('password', () => setPassword(db, name, password));
        console.log(`New one-time password for "${name}" (shown once): ${password}`);
        break;
      }
      case 'user unlock':
        await account('unlock', () => unlock(db, name));
        console.log(`"${name}" is unlocked.`);
        break;
      case 'user reset-mfa': {
        const user = await findUser(db, name);
        if (!user) throw new HttpError(404, 'not-found', `There is no user called ${name}.`);
        await resetMfa(db, user.id);
        console.log(
          `"${name}" has no passkeys now. Give them a new one-time password (user password ${name}) if they lost it too.`,
        );
        break;
      }
      case 'user enable':
        await account('enable', () => setDisabled(db, name, false));
        console.log(`"${name}" can sign in.`);
        break;
      case 'user disable':
        await account('disable', () => setDisabled(db, name, true));
        console.log(`"${name}" can no longer sign in.`);
        break;
      default:
        if (group === 'code') {
          const daysAt = args.indexOf('--days');
          const days = daysAt > 0 ? Number(args[daysAt + 1]) : undefined;
          const area = args.slice(1).find((a, i) => !a.startsWith('--') && args[i] !== '--days');
          const code = await audited(
            db,
            'enrolment-code',
            actor,
            () => issueEnrolmentCode(db, 'npm run admin', { area, days }),
            (issued) =>
              issued
                ? { expiresAt: issued.expiresAt, ...(issued.area ? { area: issued.area } : {}) }
                : {},
          );
          console.log(
            `Enrolment code: ${code.code}\nArea: ${code.area ?? '(none)'}\nExpires: ${code.expiresAt}\nIt works once. Type it into the kiosk's officer log panel.`,
          );
        } else if (group === 'device' && action === 'list') {
          table((await listDevices(db)) as unknown as Record<string, unknown>[]);
        } else if (group === 'device' && action === 'revoke') {
          await audited(
            db,
            'device-revoke',
            actor,
            () => revokeDevice(db, name),
            () => deviceDetail(name),
          );
          console.log(`Device ${name} is revoked: its token no longer works.`);
        } else if (group === 'device' && action === 'held') {
          table((await heldImports(db)) as unknown as Record<string, unknown>[]);
        } else if (group === 'device' && action === 'approve') {
          const reply = await approveHeldImport(db, name);
          console.log(
            `Device ${reply.deviceId} is approved: ${reply.accepted.length} event(s) stored, ${reply.duplicate.length} already held, ${reply.rejected.length} rejected.`,
          );
        } else if (group === 'device' && action === 'discard') {
          const held = await discardHeldImport(db, name);
          console.log(`The import from device ${held.deviceId} is discarded.`);
        } else if (group === 'retention' && action === 'purge') {
          const removed = await audited(
            db,
            'retention',
            actor,
            () => purgeExpired(db),
            (n) => (n === undefined ? {} : { removed: n }),
          );
          console.log(
            `Removed ${removed} event(s) older than ${await getRetentionDays(db)} days. The counts behind /review are kept.`,
          );
        } else if (group === 'retention') {
          if (action !== undefined) {
            const days = Number(action);
            await audited(
              db,
              'retention',
              actor,
              () => setRetentionDays(db, days),
              () => ({
                retentionDays: days,
              }),
            );
          }
          console.log(`The server keeps individual events for ${await getRetentionDays(db)} days.`);
        } else if (group === 'disclosures') {
          const page = await disclosures(
            db,
            logOptions(args.slice(1), ['action']) as { action?: DisclosureAction },
          );
          printPage(
            page,
            (d: Disclosure) => ({
              at: d.at,
              who: `${d.username} (${d.role})`,
              action: d.action,
              detail: d.detail,
            }),
            args,
          );
        } else if (group === 'audit') {
          const page = await auditLog(
            db,
            logOptions(args.slice(1), ['kind', 'outcome']) as {
              kind?: AuditKind;
              outcome?: AuditOutcome;
            },
          );
          printPage(
            page,
            (e: AuditEntry) => ({
              at: e.at,
              kind: e.kind,
              outcome: e.outcome,
              actor: [e.actor.type, e.actor.name ?? e.actor.id].filter(Boolean).join(' '),
              detail: details(e.detail),
            }),
            args,
          );
        } else {
          console.error(`Unknown command: ${args.join(' ')}\n\n${USAGE}`);
          return 2;
        }
    }
    return 0;
  } catch (error) {
    if (error instanceof HttpError || error instanceof RangeError) {
      console.error(`✖ ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
