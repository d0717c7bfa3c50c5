// `npm run verify -- FILE`: checks a device export's chain and signatures, offline.
// Exit 0 if valid, 1 if tampered (naming the first bad seq), 2 if the file cannot be read.
import { readFile } from 'node:fs/promises';
import { UnreadableBundleError, readBundle, verifyBundle } from '../src/log/verify.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run verify -- FILE   (a device log exported as JSON from the kiosk)');
  process.exit(2);
}

let text: string;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  console.error(`✖ Cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}

try {
  const bundle = readBundle(text);
  const result = await verifyBundle(bundle);
  if (result.ok) {
    const range = result.count ? `seq ${result.firstSeq}–${result.lastSeq}` : 'no events';
    const from = bundle.checkpoint
      ? `, after a signed checkpoint at seq ${bundle.checkpoint.seq}`
      : '';
    console.log(
      `✔ Valid: ${result.count} event(s), ${range}${from}, device ${bundle.deviceId}, exported ${bundle.exportedAt}. Every hash, link and signature checks.`,
    );
    process.exit(0);
  }
  console.log(
    `✖ Tampered: the first bad event is seq ${result.badSeq} (${result.problem}): ${result.message}.`,
  );
  console.log(`  ${result.verified} event(s) before it verified.`);
  process.exit(1);
} catch (error) {
  if (error instanceof UnreadableBundleError) {
    console.error(`✖ Cannot verify ${file}: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
