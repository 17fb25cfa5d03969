import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOidcClient, OidcError, type OidcErrorReason } from './oidc.js';

const CLIENT_ID = 'kaidian-web';
const CLIENT_SECRET = 's3cret: with spaces & symbols';
const REDIRECT = 'https://kaidian.example/v1/oidc/callback';

type Next = { aud?: string; expIn?: number; nonce?: string; signer?: 'main' | 'other' | 'es256' };
type Grant = { challenge: string; redirectUri: string; nonce: string; clientId: string };

/** A fake OpenID provider: discovery, JWKS, /authorize (redirects with a code), /token. */
async function startProvider(opts: { authMethods?: string[]; advertisedIssuer?: string } = {}) {
  const rs = await generateKeyPair('RS256');
  const es = await generateKeyPair('ES256');
  const other = await generateKeyPair('RS256');
  const jwk = async (k: CryptoKey, kid: string, alg: string) => ({ ...(await exportJWK(k)), kid, alg });
  const jwks = { keys: [await jwk(rs.publicKey, 'rs-1', 'RS256'), await jwk(es.publicKey, 'es-1', 'ES256')] };
  // 'other' signs with a key the JWKS does not hold, under a kid it does hold.
  const signers = {
    main: [rs.privateKey, 'rs-1', 'RS256'],
    other: [other.privateKey, 'rs-1', 'RS256'],
    es256: [es.privateKey, 'es-1', 'ES256'],
  } as const;
  const grants = new Map<string, Grant>();
  const state = { discoveryHits: 0, tokenCalls: [] as string[], next: {} as Next };
  let issuer = '';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const dec = (s: string) => new URLSearchParams(`v=${s}`).get('v') ?? '';

  function clientOk(req: IncomingMessage, form: URLSearchParams): string | null {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const methods = opts.authMethods ?? ['client_secret_basic'];
    if (basic && methods.includes('client_secret_basic')) {
      const pair = Buffer.from(basic, 'base64').toString('utf8');
      const i = pair.indexOf(':');
      const ok = dec(pair.slice(0, i)) === CLIENT_ID && dec(pair.slice(i + 1)) === CLIENT_SECRET;
      return ok ? 'client_secret_basic' : null;
    }
    if (!basic && methods.includes('client_secret_post')) {
      const ok = form.get('client_id') === CLIENT_ID && form.get('client_secret') === CLIENT_SECRET;
      return ok ? 'client_secret_post' : null;
    }
    return null;
  }

  async function token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
    const method = clientOk(req, form);
    if (!method) return json(res, 401, { error: 'invalid_client' });
    state.tokenCalls.push(method);
    if (form.get('grant_type') !== 'authorization_code')
      return json(res, 400, { error: 'unsupported_grant_type' });
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // single use
    if (!grant || grant.redirectUri !== form.get('redirect_uri'))
      return json(res, 400, { error: 'invalid_grant' });
    // PKCE (RFC 7636 §4.6): BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge.
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    }
    const n = state.next;
    const [key, kid, alg] = signers[n.signer ?? 'main'];
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      nonce: n.nonce ?? grant.nonce,
      email: 'seller@example.com',
      email_verified: true,
      phone_number: '+8613800138000',
      phone_number_verified: true,
      name: '张三',
    })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject('wx-openid-42')
      .setAudience(n.aud ?? grant.clientId)
      .setIssuedAt(now - (n.expIn !== undefined && n.expIn < 0 ? 3600 : 0))
      .setExpirationTime(now + (n.expIn ?? 300))
      .sign(key as CryptoKey);
    json(res, 200, {
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      id_token: idToken,
    });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      state.discoveryHits++;
      return json(res, 200, {
        issuer: opts.advertisedIssuer ?? issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
        code_challenge_methods_supported: ['S256'],
        ...(opts.authMethods ? { token_endpoint_auth_methods_supported: opts.authMethods } : {}),
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, jwks);
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      const scopes = (q.get('scope') ?? '').split(' ');
      if (
        q.get('response_type') !== 'code' ||
        q.get('code_challenge_method') !== 'S256' ||
        !scopes.includes('openid')
      )
        return json(res, 400, { error: 'invalid_request' });
      const code = randomBytes(12).toString('hex');
      grants.set(code, {
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        nonce: q.get('nonce') ?? '',
        clientId: q.get('client_id') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => void token(req, res, new URLSearchParams(body)));
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  };
  return { issuer, state, close };
}

type Provider = Awaited<ReturnType<typeof startProvider>>;
const client = (issuer: string, secret = CLIENT_SECRET) =>
  createOidcClient({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: secret,
    redirectUri: REDIRECT,
    fetchTimeoutMs: 2000,
  });

/** Follows the authorization URL the way a browser would, up to the redirect back to us. */
async function authorize(c: ReturnType<typeof client>) {
  const a = await c.authorizationUrl();
  const res = await fetch(a.url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location') ?? '');
  const returned = { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' };
  const input = { ...returned, expectedState: a.state, nonce: a.nonce, codeVerifier: a.codeVerifier };
  return { a, input };
}

async function reason(
  p: Promise<unknown>,
): Promise<{ reason: OidcErrorReason; detail?: string | undefined }> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OidcError);
  return { reason: (err as OidcError).reason, detail: (err as OidcError).detail };
}

describe('createOidcClient against a fake provider', () => {
  let op: Provider;
  beforeAll(async () => {
    op = await startProvider();
  });
  afterAll(() => op.close());
  beforeEach(() => {
    op.state.next = {};
    op.state.tokenCalls = [];
  });

  it('signs in with code + PKCE, verifies the id_token, and caches discovery', async () => {
    const c = client(op.issuer);
    const hits = op.state.discoveryHits;
    const { a, input } = await authorize(c);
    const url = new URL(a.url);
    expect(url.searchParams.get('scope')).toBe('openid profile email phone');
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(a.codeVerifier).digest('base64url'),
    );
    expect(await c.exchange(input)).toEqual({
      subject: 'wx-openid-42',
      issuer: op.issuer,
      email: 'seller@example.com',
      emailVerified: true,
      phone: '+8613800138000',
      phoneVerified: true,
      name: '张三',
    });
    expect(op.state.tokenCalls).toEqual(['client_secret_basic']);
    op.state.next = { signer: 'es256' };
    const second = await authorize(c);
    expect((await c.exchange(second.input)).subject).toBe('wx-openid-42');
    expect(op.state.discoveryHits - hits).toBe(1);
  });

  it('refuses a state that is not the one sent, before calling the token endpoint', async () => {
    const c = client(op.issuer);
    const { input } = await authorize(c);
    const flipped = `${input.state[0] === 'A' ? 'B' : 'A'}${input.state.slice(1)}`;
    for (const state of [flipped, 'forged', '']) {
      expect((await reason(c.exchange({ ...input, state }))).reason).toBe('state_mismatch');
    }
    expect(op.state.tokenCalls).toEqual([]);
  });

  it('refuses an id_token whose nonce is not the one sent', async () => {
    const c = client(op.issuer);
    const { input } = await authorize(c);
    expect((await reason(c.exchange({ ...input, nonce: 'another-nonce' }))).reason).toBe('nonce_mismatch');
    op.state.next = { nonce: 'replayed-nonce' };
    expect((await reason(c.exchange((await authorize(c)).input))).reason).toBe('nonce_mismatch');
  });

  it('refuses an id_token signed by another key', async () => {
    op.state.next = { signer: 'other' };
    const c = client(op.issuer);
    const r = await reason(c.exchange((await authorize(c)).input));
    expect(r).toEqual({ reason: 'id_token_invalid', detail: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('refuses an id_token for another audience', async () => {
    op.state.next = { aud: 'someone-else' };
    const c = client(op.issuer);
    const r = await reason(c.exchange((await authorize(c)).input));
    expect(r).toEqual({ reason: 'id_token_invalid', detail: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it('refuses an expired id_token', async () => {
    op.state.next = { expIn: -600 };
    const c = client(op.issuer);
    const r = await reason(c.exchange((await authorize(c)).input));
    expect(r).toEqual({ reason: 'id_token_invalid', detail: 'ERR_JWT_EXPIRED' });
  });

  it('fails the exchange on a wrong PKCE verifier, a reused code, or a wrong client secret', async () => {
    const c = client(op.issuer);
    const { input } = await authorize(c);
    const bad = await reason(c.exchange({ ...input, codeVerifier: 'x'.repeat(43) }));
    expect(bad).toEqual({ reason: 'token_exchange_failed', detail: 'invalid_grant' });
    const ok = await authorize(c);
    await c.exchange(ok.input);
    expect(await reason(c.exchange(ok.input))).toEqual({
      reason: 'token_exchange_failed',
      detail: 'invalid_grant',
    });
    const wrong = client(op.issuer, 'not-the-secret');
    const r = await reason(wrong.exchange((await authorize(wrong)).input));
    expect(r).toEqual({ reason: 'token_exchange_failed', detail: 'invalid_client' });
  });
});

describe('provider variations', () => {
  it('uses client_secret_post when it is the only advertised method', async () => {
    const op = await startProvider({ authMethods: ['client_secret_post'] });
    try {
      const c = client(op.issuer);
      expect((await c.exchange((await authorize(c)).input)).subject).toBe('wx-openid-42');
      expect(op.state.tokenCalls).toEqual(['client_secret_post']);
    } finally {
      await op.close();
    }
  });

  it('fails discovery on an issuer mismatch or an unreachable provider, and retries later', async () => {
    const op = await startProvider({ advertisedIssuer: 'https://evil.example' });
    try {
      const c = client(op.issuer);
      expect((await reason(c.discover())).reason).toBe('discovery_failed');
      expect((await reason(c.authorizationUrl())).reason).toBe('discovery_failed');
      expect(op.state.discoveryHits).toBe(2);
    } finally {
      await op.close();
    }
    expect((await reason(client(op.issuer).discover())).reason).toBe('discovery_failed');
  });
});
