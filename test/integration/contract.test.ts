import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * SPEC §10 is the contract that must not drift: every call and every error code it names must be in
 * /openapi.json. The list is read from ../shared/SPEC.md when it is there (CI and development
 * checkouts), with the copy below as the fallback.
 */
const FALLBACK_CALLS = [
  'GET /healthz',
  'GET /openapi.json',
  'GET /v1/agreements/current',
  'POST /v1/sms-codes',
  'GET /v1/dev/outbox',
  'POST /v1/registrations',
  'POST /v1/sessions',
  'GET /v1/me',
  'DELETE /v1/sessions/current',
  'POST /v1/verifications',
  'GET /v1/verifications/{id}',
  'POST /v1/step-up',
  'GET /v1/categories',
  'POST /v1/shops',
  'GET /v1/shops/{shopId}/sub-accounts',
  'POST /v1/shops/{shopId}/sub-accounts',
];
const FALLBACK_CODES =
  'phone_invalid sms_code_invalid sms_code_expired phone_locked sms_daily_limit sms_resend_too_soon password_too_weak password_mismatch agreement_required invalid_credentials id_number_invalid uscc_invalid identity_already_bound shop_name_taken shop_name_forbidden subaccount_name_taken step_up_required forbidden cooldown_active validation_failed not_found rate_limited'.split(
    ' ',
  );

function specContract(): { calls: string[]; codes: string[]; source: string } {
  const file = path.resolve(import.meta.dirname, '../../../shared/SPEC.md');
  if (!fs.existsSync(file)) return { calls: FALLBACK_CALLS, codes: FALLBACK_CODES, source: 'fallback' };
  const text = fs.readFileSync(file, 'utf8');
  const section = text.slice(text.indexOf('## 10.'));
  const calls = [...section.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) ([^`?]+)(?:\?[^`]*)?`/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
  const codesPara = section.slice(section.indexOf('Error codes that must exist'));
  const codes = [...codesPara.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
  return { calls, codes, source: file };
}

describe('API contract (SPEC §10)', () => {
  let app: TestApp;
  let doc: {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { enum?: string[] }> };
  };
  let token: string;

  beforeAll(async () => {
    app = await createTestApp();
    doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    token = (await registerMerchant(app)).token;
  });
  afterAll(async () => {
    await app.close();
  });

  it('is OpenAPI 3.1', () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('has every call of SPEC §10', () => {
    const { calls, source } = specContract();
    expect(calls.length, `calls parsed from ${source}`).toBeGreaterThanOrEqual(FALLBACK_CALLS.length);
    const missing = calls.filter((c) => {
      const [method, p] = c.split(' ') as [string, string];
      return !doc.paths[p]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it('lists every error code of SPEC §10 in components.schemas.ErrorCode', () => {
    const { codes } = specContract();
    expect(codes.length).toBeGreaterThanOrEqual(FALLBACK_CODES.length);
    const listed = doc.components.schemas.ErrorCode?.enum ?? [];
    expect(codes.filter((c) => !listed.includes(c))).toEqual([]);
  });

  it('declares a problem response for the error statuses of every /v1 route', () => {
    for (const [p, methods] of Object.entries(doc.paths)) {
      if (!p.startsWith('/v1/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const statuses = Object.keys(op.responses);
        expect(
          statuses.some((s) => s.startsWith('2') || s === '302'),
          `${method} ${p}`,
        ).toBe(true);
      }
    }
  });

  it('bad input never gives a 5xx (malformed JSON, wrong types, oversized, random bodies) — on every route', async () => {
    const routes = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), url: p.replace(/\{[^}]+\}/g, 'x_1') })),
    );
    expect(routes.length).toBeGreaterThan(20);
    const notImplemented = new Set(
      Object.entries(doc.paths).flatMap(([p, methods]) =>
        Object.entries(methods)
          .filter(([, op]) => '501' in op.responses)
          .map(([m]) => `${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, 'x_1')}`),
      ),
    );
    const bodies: Array<{ payload: string; type: string }> = [
      { payload: '{"phone": ', type: 'application/json' },
      { payload: 'null', type: 'application/json' },
      { payload: '[]', type: 'application/json' },
      { payload: '"x"', type: 'application/json' },
      {
        payload: '{"phone":{"$gt":""},"password":[1,2],"smsCode":null,"purpose":"register"}',
        type: 'application/json',
      },
      { payload: JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }), type: 'application/json' },
      { payload: 'phone=1&password=2', type: 'application/x-www-form-urlencoded' },
      { payload: '<xml/>', type: 'text/xml' },
      {
        payload: JSON.stringify({
          phone: '\u0000\u202e13800138000',
          password: '\ud800',
          email: 'a@b',
          accountType: 'personal',
        }),
        type: 'application/json',
      },
      { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/json' },
    ];
    const failures: string[] = [];
    const check = (route: { method: string; url: string }, status: number, what: string) => {
      if (status >= 500 && !(status === 501 && notImplemented.has(`${route.method} ${route.url}`))) {
        failures.push(`${route.method} ${route.url} ${what} → ${status}`);
      }
    };
    for (const route of routes) {
      for (const auth of [undefined, token]) {
        const headers = auth ? { authorization: `Bearer ${auth}` } : {};
        for (const b of bodies) {
          const res = await app.inject({
            method: route.method as 'POST',
            url: route.url,
            payload: b.payload,
            headers: { ...headers, 'content-type': b.type },
          });
          check(route, res.statusCode, `body ${b.payload.slice(0, 30)}`);
        }
        const q = await app.inject({
          method: route.method as 'GET',
          url: `${route.url}?to=%00&limit=-1&code=${'x'.repeat(3000)}`,
          headers,
        });
        check(route, q.statusCode, 'query');
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, value) => {
        const res = await app.inject({
          method: route.method as 'POST',
          url: route.url,
          payload: JSON.stringify(value),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
        check(route, res.statusCode, `random ${JSON.stringify(value).slice(0, 40)}`);
      }),
      { numRuns: 150 },
    );
    expect(failures).toEqual([]);
  });

  it('answers only with statuses the routes declare', () => {
    expect(app.undeclaredStatuses).toEqual([]);
  });

  it('refuses non-JSON bodies (415) and oversized ones (413), so cookie sessions cannot be driven by cross-site forms', async () => {
    const form = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: 'phone=13800138000&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().code).toBe('unsupported_media_type');
    const big = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: JSON.stringify({ phone: 'x'.repeat(2e6) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: '{"phone":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('bad_request');
  });

  it('unknown paths and methods are problem+json 404s', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('not_found');
  });
});
