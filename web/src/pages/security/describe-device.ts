/** A short human name for a user agent: "Chrome · Android", "Safari · iPhone", "HeadlessChrome · Linux". */
export function describeDevice(ua: string | null): { name: string; mobile: boolean } {
  if (!ua) return { name: '', mobile: false };
  const browser = /MicroMessenger/.test(ua)
    ? 'WeChat'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /HeadlessChrome/.test(ua)
        ? 'HeadlessChrome'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Firefox\//.test(ua)
            ? 'Firefox'
            : /Safari\//.test(ua)
              ? 'Safari'
              : /curl|node|undici/i.test(ua)
                ? 'API client'
                : '';
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X/.test(ua)
            ? 'macOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : '';
  const mobile = /iPhone|Android|Mobile/.test(ua);
  return { name: [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 40), mobile };
}
