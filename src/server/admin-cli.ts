/**
 * `npm run admin -- …`: manage accounts, devices and retention on this server's store, from the
 * machine it runs on. Passwords made here are printed once and never stored in clear.
 */
import { ROLES } from '../schema/api.js';
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
import { HttpError } from './errors.js';
import { disclosures } from './disclosure.js';
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
  device revoke DEVICE_ID   stop a device sending events
  retention [DAYS]          show, or set, how many days the server keeps individual events
  retention purge           remove individual events older than the retention period now
  disclosures               show the latest entries of the disclosure log

The store is the one npm start uses: DATABASE_URL, else ./data/forewarn.sqlite.`;

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
  try {
    const name = rest[0] ?? '';
    switch (`${group} ${action ?? ''}`.trim()) {
      case 'user add': {
        const role = rest[1];
        if (!isRole(role)) throw new HttpError(400, 'invalid', `Give a role: ${ROLES.join(', ')}.`);
        const password = oneTimePassword();
        await createUser(db, name, role, password, { oneTime: true });
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
        await setPassword(db, name, password);
        console.log(`New one-time password for "${name}" (shown once): ${password}`);
        break;
      }
      case 'user unlock':
        await unlock(db, name);
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
        await setDisabled(db, name, false);
        console.log(`"${name}" can sign in.`);
        break;
      case 'user disable':
        await setDisabled(db, name, true);
        console.log(`"${name}" can no longer sign in.`);
        break;
      default:
        if (group === 'code') {
          const daysAt = args.indexOf('--days');
          const days = daysAt > 0 ? Number(args[daysAt + 1]) : undefined;
          const area = args.slice(1).find((a, i) => !a.startsWith('--') && args[i] !== '--days');
          const code = await issueEnrolmentCode(db, 'npm run admin', { area, days });
          console.log(
            `Enrolment code: ${code.code}\nArea: ${code.area ?? '(none)'}\nExpires: ${code.expiresAt}\nIt works once. Type it into the kiosk's officer log panel.`,
          );
        } else if (group === 'device' && action === 'list') {
          table((await listDevices(db)) as unknown as Record<string, unknown>[]);
        } else if (group === 'device' && action === 'revoke') {
          await revokeDevice(db, name);
          console.log(`Device ${name} is revoked: its token no longer works.`);
        } else if (group === 'retention' && action === 'purge') {
          const removed = await purgeExpired(db);
          console.log(
            `Removed ${removed} event(s) older than ${await getRetentionDays(db)} days. The counts behind /review are kept.`,
          );
        } else if (group === 'retention') {
          if (action !== undefined) await setRetentionDays(db, Number(action));
          console.log(`The server keeps individual events for ${await getRetentionDays(db)} days.`);
        } else if (group === 'disclosures') {
          table((await disclosures(db, 50)) as unknown as Record<string, unknown>[]);
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
