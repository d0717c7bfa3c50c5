/**
 * The force's settings for the kiosk, read from the server once the home screen has painted.
 * With no network or no settings, nothing optional is shown.
 */

export interface KioskConfig {
  /** The force's video relay service for a live BSL interpreter; none when not configured. */
  vrsUrl: string | null;
}

/** Reads the force's settings; with no network or no settings, nothing optional is shown. */
export async function loadConfig(url = '/config.json'): Promise<KioskConfig> {
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) return { vrsUrl: null };
    const data = (await response.json()) as Partial<KioskConfig>;
    const vrsUrl =
      typeof data.vrsUrl === 'string' && /^https:\/\//.test(data.vrsUrl) ? data.vrsUrl : null;
    return { vrsUrl };
  } catch {
    return { vrsUrl: null };
  }
}
