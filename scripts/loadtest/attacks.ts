/**
 * The attacks the load test makes while ordinary devices sync: slow-loris sockets that trickle a
 * request's headers a byte at a time, and one device sending batches as fast as it can.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TestDevice } from '../../test/server/harness.js';
import { sleep, type Traffic } from './fleet.js';

export interface Loris {
  /** When each socket was closed by the server, in ms from its opening; null while open. */
  closedAfter: (number | null)[];
  /** Sockets the server answered (408) before closing. */
  answered: number;
  /** Ends the trickle and destroys the sockets still open. */
  stop(): void;
}

/** Opens `count` sockets to host:port, each sending a header line a byte every `everyMs`. */
export function slowLoris(port: number, count: number, everyMs: number): Loris {
  const closedAfter: (number | null)[] = Array.from({ length: count }, () => null);
  const sockets: Socket[] = [];
  const result: Loris = { closedAfter, answered: 0, stop };
  const trickle = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed && socket.writable) socket.write('a');
  }, everyMs);
  for (let i = 0; i < count; i++) {
    const opened = performance.now();
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(`POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Loris: `);
    });
    socket.once('data', () => result.answered++);
    socket.on('error', () => {});
    socket.once('close', () => {
      closedAfter[i] ??= performance.now() - opened;
    });
    sockets.push(socket);
  }
  function stop() {
    clearInterval(trickle);
    for (const socket of sockets) socket.destroy();
  }
  return result;
}

/**
 * One device sends the same small batch from `parallel` loops, each as fast as the answers come,
 * until `stop` is set; every answer is counted in `traffic`.
 */
export async function flood(
  url: string,
  device: TestDevice,
  events: unknown[],
  parallel: number,
  traffic: Traffic,
  signal: { stop: boolean },
): Promise<void> {
  const body = JSON.stringify({ sentAt: new Date().toISOString(), events });
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (!signal.stop) {
        await traffic
          .fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...device.auth },
            body,
          })
          // No answer (counted by traffic): wait a moment rather than spin.
          .catch(() => sleep(50));
      }
    }),
  );
}
