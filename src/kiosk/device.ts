/**
 * What the kiosk asks of the device: keep the screen on, go full screen, and know whether it is
 * online. Each fails quietly where the device cannot do it: none of them may stop a notice.
 */

let wakeLock: WakeLockSentinel | null = null;

async function requestWakeLock(): Promise<void> {
  if (!('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
  try {
    wakeLock = await navigator.wakeLock.request('screen');
  } catch {
    // Battery saver or a browser policy refused it; the screen may dim, nothing else changes.
  }
}

function onVisibilityChange(): void {
  // The browser releases a wake lock whenever the page is hidden; ask again on return.
  if (document.visibilityState === 'visible' && (!wakeLock || wakeLock.released)) {
    void requestWakeLock();
  }
}

/** Keeps the screen awake while the kiosk is open. Returns a function that lets it sleep again. */
export function keepScreenOn(): () => void {
  void requestWakeLock();
  document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    document.removeEventListener('visibilitychange', onVisibilityChange);
    void wakeLock?.release();
    wakeLock = null;
  };
}

export function fullscreenAvailable(): boolean {
  return document.fullscreenEnabled === true;
}

export function isFullscreen(): boolean {
  return document.fullscreenElement !== null;
}

export async function toggleFullscreen(): Promise<void> {
  try {
    if (isFullscreen()) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    // Refused (e.g. not from a tap); the button stays as it was.
  }
}
