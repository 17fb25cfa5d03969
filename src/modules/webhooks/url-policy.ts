import dns from 'node:dns';
import net from 'node:net';
import { appError } from '../../kernel/errors.js';
import './webhooks.errors.js';

/**
 * Where webhooks may be sent (SSRF rules, docs/webhooks.md).
 * Production: https only; no credentials in the URL; no IP literal in a private, loopback,
 * link-local, shared, multicast or reserved range; no `localhost`, `*.localhost`, `*.local`,
 * `*.internal` or single-label host names. Host names are checked again at delivery time against the
 * addresses they resolve to, inside the connection's own lookup (so a DNS answer cannot change
 * between the check and the connect).
 * Development: http allowed and loopback/private hosts allowed, so a receiver on 127.0.0.1 works.
 */

const blocked = new net.BlockList();
for (const [addr, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(addr, bits, 'ipv4');
}
for (const [addr, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: may embed any IPv4 address
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(addr, bits, 'ipv6');
}

/** True for addresses a production webhook must never reach (IPv4-mapped IPv6 included). */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type Text = { zh: string; en: string };
const invalid = (reason: Text) => appError('webhook_url_invalid', { reason });

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.localdomain', '.home.arpa'];

/** Parses and checks a webhook URL; throws `webhook_url_invalid` with the reason. */
export function checkWebhookUrl(raw: string, opts: { dev: boolean }): URL {
  if (raw.length > 2048) throw invalid({ zh: '地址过长', en: 'the URL is too long' });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid({ zh: '不是有效的网址', en: 'not a valid URL' });
  }
  const allowed = opts.dev ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol)) {
    throw invalid(
      opts.dev
        ? { zh: '只支持 http 或 https', en: 'only http and https are supported' }
        : { zh: '必须使用 https', en: 'https is required' },
    );
  }
  if (url.username || url.password) {
    throw invalid({ zh: '网址中不能包含用户名或密码', en: 'the URL must not contain credentials' });
  }
  if (opts.dev) return url;
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (net.isIP(host)) {
    if (isBlockedAddress(host)) {
      throw invalid({
        zh: '不能指向内网或本机地址',
        en: 'private, loopback and reserved addresses are refused',
      });
    }
    return url;
  }
  if (host === 'localhost' || !host.includes('.') || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) {
    throw invalid({ zh: '不能指向内网或本机地址', en: 'local and internal host names are refused' });
  }
  return url;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that refuses host names resolving to a blocked address
 * (production). Handles both forms Node asks for (`all: true` with happy eyeballs, or one address).
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad || addresses.length === 0) {
      const e: NodeJS.ErrnoException = new Error(
        `refused: ${hostname} resolves to a private or reserved address`,
      );
      e.code = 'EWEBHOOKBLOCKED';
      return callback(e, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
}
