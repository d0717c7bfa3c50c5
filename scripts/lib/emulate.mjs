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
 * @param {{ network?: boolean }} [options] network: false for CPU only (pages served by the app itself)
 */
export async function emulateDevice(context, page, { network = true } = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: DEVICE.cpuSlowdown });
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
