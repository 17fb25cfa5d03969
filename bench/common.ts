/** Small helpers shared by the benchmark sections (bench/verification.ts, uploads.ts, face.ts). */
import { performance } from 'node:perf_hooks';

export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
export const log = (msg: string) => process.stdout.write(`[bench] ${msg}\n`);

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[k]!;
}

export function summary(xs: number[], d = 1) {
  return {
    count: xs.length,
    p50: round(percentile(xs, 50), d),
    p95: round(percentile(xs, 95), d),
    max: round(xs.length ? Math.max(...xs) : Number.NaN, d),
  };
}

export async function json(
  base: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const t = performance.now();
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    ms: performance.now() - t,
  };
}

/** Runs `fn(i)` for i in 0..count-1 with at most `limit` running at once. */
export async function pool<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/** Registers a merchant through the API (SMS code from the dev outbox); returns id and token. */
export async function registerMerchant(
  base: string,
  phone: string,
  password: string,
  agreementVersion: string,
  accountType: 'personal' | 'enterprise' = 'personal',
): Promise<{ id: string; token: string }> {
  const sms = await json(base, 'POST', '/v1/sms-codes', { phone, purpose: 'register' });
  if (sms.status !== 202) throw new Error(`sms-codes ${sms.status}: ${JSON.stringify(sms.body)}`);
  const outbox = await json(base, 'GET', `/v1/dev/outbox?to=${encodeURIComponent(phone)}`);
  const smsCode = (outbox.body.messages as Array<{ code: string | null }>)[0]?.code;
  if (!smsCode) throw new Error('no code in the dev outbox');
  const reg = await json(base, 'POST', '/v1/registrations', {
    accountType,
    phone,
    smsCode,
    password,
    passwordConfirm: password,
    agreementVersion,
  });
  if (reg.status !== 201) throw new Error(`registration ${reg.status}: ${JSON.stringify(reg.body)}`);
  return {
    id: (reg.body.merchant as { id: string }).id,
    token: (reg.body.session as { token: string }).token,
  };
}
