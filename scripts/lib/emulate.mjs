// The device every side-by-side page is measured on: a mid-range tablet on a 4G connection.
// Applied through the Chrome DevTools Protocol, so every page gets exactly the same conditions.

export const DEVICE = {
  label: 'CPU slowed 4×, 4G network (10 Mbit/s down, 5 Mbit/s up, 40 ms round trip)',
  cpuSlowdown: 4,
  latencyMs: 40,
  downloadBytesPerSecond: (10 * 1000 * 1000) / 8,
  uploadBytesPerSecond: (5 * 1000 * 1000) / 8,
};

/**
 * @param {import('playwright').BrowserContext} context
 * @param {import('playwright').Page} page
 * @param {{ network?: boolean, cpu?: number }} [options] network: false for CPU only (pages served
 * by the app itself); cpu: another slow-down than the device's
 */
export async function emulateDevice(
  context,
  page,
  { network = true, cpu = DEVICE.cpuSlowdown } = {},
) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: DEVICE.latencyMs,
      downloadThroughput: DEVICE.downloadBytesPerSecond,
      uploadThroughput: DEVICE.uploadBytesPerSecond,
    });
  }
  return cdp;
}

/**
 * Reports, through the console, the page's first contentful paint (`bench:fcp <ms>`) and the
 * moment a notice is painted (`bench:notice <ms>`), both from navigation start. An init script:
 * waiting with Playwright's waitForFunction instead would inject its own script into the very
 * load being timed.
 */
export function reportPaints() {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') console.debug(`bench:fcp ${entry.startTime}`);
    }
  }).observe({ type: 'paint', buffered: true });
  document.addEventListener('fw-notice-shown', () =>
    console.debug(`bench:notice ${performance.now()}`),
  );
}

/**
 * @param {import('playwright').Page} page
 * @param {'fcp' | 'notice'} name
 * @returns {Promise<number>} resolves with the time reportPaints() gave
 */
export function reported(page, name) {
  return page
    .waitForEvent('console', (message) => message.text().startsWith(`bench:${name} `))
    .then((message) => Number(message.text().split(' ')[1]));
}

/**
 * Lighthouse's BenchmarkIndex, as Chrome DevTools' CPU calibration runs it: the mean of a
 * string-building (garbage-collecting) loop and an array-copying loop, each counted per second
 * over half the duration, divided by 10. DevTools takes 1,000 as a mid-tier phone (a Pixel 5) and
 * 264 as a low-tier one. It says what "4× slower" means on the machine the bench ran on.
 * Written here from that description; runs in the page.
 * @param {number} duration ms
 */
function benchmarkIndex(duration) {
  const half = duration / 2;
  let start = Date.now();
  let strings = 0;
  while (Date.now() - start < half) {
    let s = '';
    for (let j = 0; j < 10000; j++) s += 'a';
    if (s.length === 1) throw new Error('unreachable: keeps the loop from being optimised away');
    strings++;
  }
  const gc = strings / 10 / ((Date.now() - start) / 1000);
  const a = [];
  const b = [];
  for (let i = 0; i < 100000; i++) a[i] = b[i] = i;
  start = Date.now();
  let copies = 0;
  while (copies % 10 !== 0 || Date.now() - start < half) {
    const [from, to] = copies % 2 === 0 ? [a, b] : [b, a];
    for (let j = 0; j < from.length; j++) to[j] = from[j];
    copies++;
  }
  const noGc = copies / 10 / ((Date.now() - start) / 1000);
  return Math.round((gc + noGc) / 2);
}

/** DevTools' mid-tier phone (a Pixel 5), as a BenchmarkIndex. */
export const MID_TIER_INDEX = 1000;

/**
 * What the emulated CPU means on this machine: its BenchmarkIndex at full speed and slowed 4×, and
 * the slow-down that makes it a mid-tier phone (found by bisection, as DevTools' calibration does,
 * to within 2% of MID_TIER_INDEX; 1 when this machine is slower than that already).
 * @param {import('playwright').Browser} browser
 * @returns {Promise<{ host: number, emulated: number, midTierSlowdown: number }>}
 */
export async function calibrate(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const score = async (rate) => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await page.evaluate(benchmarkIndex, 1000));
    return runs.sort((x, y) => x - y)[1];
  };
  await page.evaluate(benchmarkIndex, 250); // warm-up: let V8 optimise the loops
  const host = await score(1);
  const emulated = await score(DEVICE.cpuSlowdown);
  let [low, high] = [1, Math.max(1, (host / MID_TIER_INDEX) * 1.5)];
  let midTierSlowdown = 1;
  for (let i = 0; i < 8 && host > MID_TIER_INDEX; i++) {
    midTierSlowdown = Math.round(((low + high) / 2) * 100) / 100; // CDP keeps two decimals
    const at = await score(midTierSlowdown);
    if (Math.abs(at - MID_TIER_INDEX) <= MID_TIER_INDEX * 0.02) break;
    if (at < MID_TIER_INDEX) high = midTierSlowdown;
    else low = midTierSlowdown;
  }
  await context.close();
  return { host, emulated, midTierSlowdown };
}
