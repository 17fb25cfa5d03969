import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';

/**
 * Generic OpenID Connect relying party: authorization code flow with PKCE (S256), `state` and
 * `nonce`, for third-party sign-in (SPEC REG-2). Discovery is cached per client; id_tokens are
 * verified against the provider's JWKS (RS256 or ES256).
 */
export type OidcClientConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Extra scopes; `openid` is always requested. Default: openid profile email phone. */
  scopes?: string[] | undefined;
  /** Timeout of each request to the provider (discovery, token, JWKS). Default 10 s. */
  fetchTimeoutMs?: number | undefined;
  /** Allowed clock skew for exp/iat/nbf, in seconds. Default 60. */
  clockToleranceSeconds?: number | undefined;
};

export type OidcErrorReason =
  | 'discovery_failed'
  | 'state_mismatch'
  | 'token_exchange_failed'
  | 'id_token_invalid'
  | 'nonce_mismatch'
  | 'unsupported_client_auth';

export class OidcError extends Error {
  readonly reason: OidcErrorReason;
  /** Provider error code or jose error code, for logs (never secrets). */
  readonly detail: string | undefined;
  constructor(reason: OidcErrorReason, message: string, detail?: string) {
    super(`OIDC ${reason}: ${message}`);
    this.name = 'OidcError';
    this.reason = reason;
    this.detail = detail;
  }
}

export type OidcDiscovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
};

export type OidcIdentity = {
  subject: string;
  issuer: string;
  email?: string;
  emailVerified?: boolean;
  phone?: string;
  phoneVerified?: boolean;
  name?: string;
};

export type OidcExchangeInput = {
  code: string;
  /** `state` returned by the provider on the redirect. */
  state: string;
  /** `state` stored when the authorization URL was made. */
  expectedState: string;
  nonce: string;
  codeVerifier: string;
};

const ALGS = ['RS256', 'ES256'];
const b64url = (b: Buffer) => b.toString('base64url');
const randomToken = () => b64url(randomBytes(32));
const formEncode = (s: string) => new URLSearchParams([['', s]]).toString().slice(1);

/** Compares without leaking where two strings differ (digests make the lengths equal). */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function pkceChallenge(verifier: string): string {
  return b64url(createHash('sha256').update(verifier, 'ascii').digest());
}

function isDiscovery(v: unknown): v is OidcDiscovery {
  if (!v || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  return ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'].every(
    (k) => typeof d[k] === 'string',
  );
}

export function createOidcClient(cfg: OidcClientConfig) {
  const timeoutMs = cfg.fetchTimeoutMs ?? 10_000;
  const scopes = [...new Set(['openid', ...(cfg.scopes ?? ['profile', 'email', 'phone'])])];
  let cached: Promise<{ meta: OidcDiscovery; jwks: ReturnType<typeof createRemoteJWKSet> }> | undefined;

  async function load() {
    const url = `${cfg.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let body: unknown;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new OidcError('discovery_failed', `${url} answered HTTP ${res.status}`);
      body = await res.json();
    } catch (err) {
      if (err instanceof OidcError) throw err;
      throw new OidcError(
        'discovery_failed',
        `cannot fetch ${url}`,
        err instanceof Error ? err.name : undefined,
      );
    }
    if (!isDiscovery(body)) throw new OidcError('discovery_failed', 'provider metadata is incomplete');
    // OIDC Discovery 1.0 §4.3: the issuer in the document must be exactly the configured one.
    if (body.issuer !== cfg.issuer) {
      throw new OidcError('discovery_failed', `issuer mismatch: expected ${cfg.issuer}, got ${body.issuer}`);
    }
    const jwks = createRemoteJWKSet(new URL(body.jwks_uri), { timeoutDuration: timeoutMs });
    return { meta: body, jwks };
  }

  function discovered() {
    if (!cached) {
      const attempt = load();
      cached = attempt;
      // A failed discovery is not cached: the next sign-in tries again.
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return cached;
  }

  function clientAuth(meta: OidcDiscovery): 'client_secret_basic' | 'client_secret_post' {
    const methods = meta.token_endpoint_auth_methods_supported;
    // RFC 8414 / OIDC Discovery: when absent, the default is client_secret_basic.
    if (!methods || methods.includes('client_secret_basic')) return 'client_secret_basic';
    if (methods.includes('client_secret_post')) return 'client_secret_post';
    throw new OidcError('unsupported_client_auth', `provider supports only ${methods.join(', ')}`);
  }

  async function redeem(meta: OidcDiscovery, input: OidcExchangeInput): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: cfg.redirectUri,
      code_verifier: input.codeVerifier,
    });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (clientAuth(meta) === 'client_secret_basic') {
      // RFC 6749 §2.3.1: id and secret are form-encoded before base64.
      const pair = `${formEncode(cfg.clientId)}:${formEncode(cfg.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', cfg.clientId);
      form.set('client_secret', cfg.clientSecret);
    }
    let res: Response;
    let body: Record<string, unknown>;
    try {
      res = await fetch(meta.token_endpoint, {
        method: 'POST',
        headers,
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    } catch (err) {
      const name = err instanceof Error ? err.name : undefined;
      throw new OidcError('token_exchange_failed', 'token endpoint unreachable', name);
    }
    if (!res.ok) {
      const code = typeof body.error === 'string' ? body.error : `http_${res.status}`;
      throw new OidcError(
        'token_exchange_failed',
        `token endpoint answered HTTP ${res.status} ${code}`,
        code,
      );
    }
    if (typeof body.id_token !== 'string') {
      throw new OidcError('token_exchange_failed', 'token response has no id_token');
    }
    return body.id_token;
  }

  return {
    async discover(): Promise<OidcDiscovery> {
      return (await discovered()).meta;
    },

    async authorizationUrl(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
      const { meta } = await discovered();
      const state = randomToken();
      const nonce = randomToken();
      const codeVerifier = randomToken();
      const url = new URL(meta.authorization_endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', cfg.clientId);
      url.searchParams.set('redirect_uri', cfg.redirectUri);
      url.searchParams.set('scope', scopes.join(' '));
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('code_challenge', pkceChallenge(codeVerifier));
      url.searchParams.set('code_challenge_method', 'S256');
      return { url: url.toString(), state, nonce, codeVerifier };
    },

    async exchange(input: OidcExchangeInput): Promise<OidcIdentity> {
      if (!input.state || !input.expectedState || !constantTimeEqual(input.state, input.expectedState)) {
        throw new OidcError('state_mismatch', 'the state returned by the provider is not the one sent');
      }
      const { meta, jwks } = await discovered();
      const idToken = await redeem(meta, input);
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(idToken, jwks, {
          issuer: meta.issuer,
          audience: cfg.clientId,
          algorithms: ALGS,
          clockTolerance: cfg.clockToleranceSeconds ?? 60,
          requiredClaims: ['sub', 'iat', 'exp'],
        }));
      } catch (err) {
        const code = err instanceof joseErrors.JOSEError ? err.code : undefined;
        const why = err instanceof Error ? err.message : 'verification failed';
        throw new OidcError('id_token_invalid', why, code);
      }
      // OIDC Core §3.1.3.7: with several audiences, azp must be present and be this client.
      if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== cfg.clientId) {
        throw new OidcError('id_token_invalid', 'azp does not name this client');
      }
      if (typeof claims.nonce !== 'string' || !constantTimeEqual(claims.nonce, input.nonce)) {
        throw new OidcError('nonce_mismatch', 'the id_token nonce is not the one sent');
      }
      const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : undefined);
      const bool = (k: string) => (typeof claims[k] === 'boolean' ? (claims[k] as boolean) : undefined);
      const identity: OidcIdentity = { subject: claims.sub as string, issuer: meta.issuer };
      const email = str('email');
      const phone = str('phone_number');
      const name = str('name');
      if (email !== undefined) identity.email = email;
      if (bool('email_verified') !== undefined) identity.emailVerified = bool('email_verified');
      if (phone !== undefined) identity.phone = phone;
      if (bool('phone_number_verified') !== undefined) identity.phoneVerified = bool('phone_number_verified');
      if (name !== undefined) identity.name = name;
      return identity;
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
