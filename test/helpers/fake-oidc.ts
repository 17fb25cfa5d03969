import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A fake OpenID provider on 127.0.0.1 (node:http + jose), strict the way a real one is:
 *  - discovery at /.well-known/openid-configuration and the JWKS at /jwks;
 *  - GET /authorize checks client_id, redirect_uri, response_type=code, scope openid, state, nonce and
 *    a S256 PKCE challenge, then redirects back to redirect_uri with a one-time code and the state;
 *  - POST /token checks client_secret_basic (RFC 6749 §2.3.1, form-encoded id and secret), the code
 *    (single use, same redirect_uri) and the PKCE verifier, and returns an RS256 id_token carrying
 *    the nonce given at /authorize.
 * `user` is who signs in at the next /authorize; `tokenRequests` records every /token answer.
 */
export type FakeOidcUser = { sub: string; email?: string; name?: string };

export type FakeOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  user: FakeOidcUser;
  tokenRequests: Array<{ status: number; error?: string }>;
  authorizeRequests: number;
  close(): Promise<void>;
};

type Grant = { clientId: string; redirectUri: string; challenge: string; nonce: string; user: FakeOidcUser };

export async function startFakeOidc(opts: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Listen on this port (default: any free one). */
  port?: number;
}): Promise<FakeOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = `fake-${randomBytes(4).toString('hex')}`;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const grants = new Map<string, Grant>();

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const formDecode = (s: string) => new URLSearchParams(`v=${s}`).get('v') ?? '';

  const provider: FakeOidcProvider = {
    issuer: '',
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    redirectUri: opts.redirectUri,
    user: { sub: 'user-1' },
    tokenRequests: [],
    authorizeRequests: 0,
    close: async () => {},
  };

  function authorize(url: URL, res: ServerResponse) {
    provider.authorizeRequests++;
    const q = url.searchParams;
    const scopes = (q.get('scope') ?? '').split(' ');
    const problems = [
      q.get('client_id') !== opts.clientId && 'client_id',
      q.get('redirect_uri') !== opts.redirectUri && 'redirect_uri',
      q.get('response_type') !== 'code' && 'response_type',
      !scopes.includes('openid') && 'scope',
      !q.get('state') && 'state',
      !q.get('nonce') && 'nonce',
      q.get('code_challenge_method') !== 'S256' && 'code_challenge_method',
      !/^[\w-]{43}$/.test(q.get('code_challenge') ?? '') && 'code_challenge',
    ].filter(Boolean);
    if (problems.length)
      return json(res, 400, { error: 'invalid_request', error_description: problems.join() });
    const code = randomBytes(16).toString('base64url');
    grants.set(code, {
      clientId: opts.clientId,
      redirectUri: opts.redirectUri,
      challenge: q.get('code_challenge') ?? '',
      nonce: q.get('nonce') ?? '',
      user: { ...provider.user },
    });
    const back = new URL(opts.redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  async function token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams) {
    const fail = (status: number, error: string) => {
      provider.tokenRequests.push({ status, error });
      json(res, status, { error });
    };
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!basic) return fail(401, 'invalid_client');
    const pair = Buffer.from(basic, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (
      colon < 0 ||
      formDecode(pair.slice(0, colon)) !== opts.clientId ||
      formDecode(pair.slice(colon + 1)) !== opts.clientSecret
    )
      return fail(401, 'invalid_client');
    if (form.get('grant_type') !== 'authorization_code') return fail(400, 'unsupported_grant_type');
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // single use
    if (!grant || grant.redirectUri !== form.get('redirect_uri')) return fail(400, 'invalid_grant');
    // RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) must equal the code_challenge.
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== grant.challenge)
      return fail(400, 'invalid_grant');
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      nonce: grant.nonce,
      ...(grant.user.email ? { email: grant.user.email, email_verified: true } : {}),
      ...(grant.user.name ? { name: grant.user.name } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(provider.issuer)
      .setSubject(grant.user.sub)
      .setAudience(grant.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    provider.tokenRequests.push({ status: 200 });
    json(res, 200, {
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, jwks);
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        token(req, res, new URLSearchParams(body)).catch((err: unknown) => {
          json(res, 500, { error: 'server_error', error_description: String(err) });
        });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return provider;
}

/**
 * Plays the browser at the provider: GETs the authorization URL the app redirected to (the user
 * "consents" at once) and returns where the provider sends the browser back to.
 */
export async function followToProvider(authorizationUrl: string): Promise<URL> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`provider /authorize answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}
