// `npm run bench:sign-in`: a device batch's latency while 50 sign-in attempts are in flight, against
// its baseline on an idle server (issue 16, item 1: sign-ins must never starve ingest). The server
// is built in this process on a throwaway SQLite store; each sign-in comes from its own address, at
// its own unknown username, so every one is hashed (none is turned away by the sign-in delay or the
// rate limit). SCRYPT_CONCURRENCY=64 shows what it was like with no queue. Prints one JSON object.
import { performance } from 'node:perf_hooks';
import { SCRYPT, SCRYPT_CONCURRENCY } from '../src/server/crypto.js';
import {
  enrolDevice,
  nextEvents,
  sendBatch,
  signIn,
  startTestServer,
} from '../test/server/harness.js';

const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const EVENTS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms);

const h = await startTestServer();
try {
  const admin = await signIn(h.app, 'admin');
  const device = await enrolDevice(h.app, admin);
  // The events are signed before any flood starts: signing uses the same thread pool, and only the
  // server's side of the batch is being measured.
  const batch = async (events: Awaited<ReturnType<typeof nextEvents>>) => {
    const started = performance.now();
    const reply = await sendBatch(h.app, device, events);
    if (reply.statusCode !== 200) throw new Error(`batch: ${reply.statusCode} ${reply.body}`);
    return performance.now() - started;
  };

  const baseline: number[] = [];
  for (let i = 0; i < ROUNDS; i++) baseline.push(await batch(await nextEvents(device, EVENTS)));

  const loaded: number[] = [];
  const signInMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const events = await nextEvents(device, EVENTS);
    const started = performance.now();
    const flood = Array.from({ length: SIGN_INS }, (_, n) =>
      h.app
        .inject({
          method: 'POST',
          url: '/api/session',
          remoteAddress: `10.${i}.${n >> 8}.${n & 255}`,
          payload: { username: `bench-${i}-${n}`, password: 'not-the-password' },
        })
        .then(() => signInMs.push(performance.now() - started)),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    loaded.push(await batch(events));
    await Promise.all(flood);
  }

  console.log(
    JSON.stringify(
      {
        scrypt: `N=2^${Math.log2(SCRYPT.N)}, r=${SCRYPT.r}, p=${SCRYPT.p}`,
        scryptConcurrency: SCRYPT_CONCURRENCY,
        signInsInFlight: SIGN_INS,
        eventsPerBatch: EVENTS,
        batchMs: {
          baselineMedian: round(median(baseline)),
          duringSignInsMedian: round(median(loaded)),
        },
        batchMsEach: { baseline: baseline.map(round), duringSignIns: loaded.map(round) },
        signInMs: { median: round(median(signInMs)), slowest: round(Math.max(...signInMs)) },
      },
      null,
      2,
    ),
  );
} finally {
  await h.close();
}
