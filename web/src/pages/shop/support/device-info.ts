import type { Device } from '../../../api/shops';

/** ACT-3: what support needs to reproduce a problem, collected from the browser (shown before sending). */
export function collectDevice(): Device {
  const nav = window.navigator as Navigator & { userAgentData?: { platform?: string; mobile?: boolean } };
  const platform = nav.userAgentData?.platform || nav.platform || 'unknown';
  const lang = nav.language || 'unknown';
  const dpr = Math.round((window.devicePixelRatio || 1) * 100) / 100;
  return {
    userAgent: nav.userAgent.slice(0, 500),
    platform: `${platform} · ${lang}`.slice(0, 60),
    screen:
      `${window.innerWidth}x${window.innerHeight} @${dpr}x (${window.screen.width}x${window.screen.height})`.slice(
        0,
        40,
      ),
    appVersion: 'kaidian-portal',
  };
}
