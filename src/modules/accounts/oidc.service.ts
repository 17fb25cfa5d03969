import { createOidcClient, type OidcClient, OidcError } from '../../adapters/oidc/oidc.js';
import type { Context } from '../../context.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { RequestMeta } from './accounts.service.js';
import { type AccountsStore, newMerchant } from './accounts.store.js';
import type { SignIn } from './signin.service.js';

/**
 * Third-party sign-in (REG-2) through any OpenID Connect provider. The first sign-in with an
 * identity creates a personal merchant account of the same kind as every other entry point; it
 * has no agreement accepted yet, so the portal asks for it before anything else (AGR-1). An
 * identity is never linked to an existing account by email: that would let a provider that
 * mis-verifies emails take over accounts.
 */

declare module '../../kernel/db-schema.js' {
  interface Database {
    merchant_identities: {
      id: string;
      merchant_id: string;
      issuer: string;
      subject: string;
      created_at: number;
    };
  }
}

export type OidcFlow = { state: string; nonce: string; codeVerifier: string; at: number };

export function createOidcSignIn(ctx: Context, deps: { store: AccountsStore; signIn: SignIn }) {
  const cfg = ctx.config.oidc;
  const client: OidcClient | undefined = cfg
    ? createOidcClient({ ...cfg, redirectUri: `${ctx.config.publicUrl}/v1/oidc/callback` })
    : undefined;

  function requireClient(): OidcClient {
    if (!client) throw appError('oidc_unavailable');
    return client;
  }

  return {
    enabled: client !== undefined,
    name: cfg?.name ?? null,

    /** Starts the flow; the caller keeps `flow` sealed in a short-lived cookie. */
    async start(): Promise<{ url: string; flow: OidcFlow }> {
      const c = requireClient();
      const { url, state, nonce, codeVerifier } = await c.authorizationUrl().catch((err: unknown) => {
        ctx.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'oidc provider unavailable');
        throw appError('oidc_provider_unavailable');
      });
      return { url, flow: { state, nonce, codeVerifier, at: ctx.clock.now() } };
    },

    async finish(input: { code: string; state: string; flow: OidcFlow }, meta: RequestMeta) {
      if (ctx.clock.now() - input.flow.at > 10 * 60_000)
        throw appError('oidc_failed', { reason: 'flow_expired' });
      let identity: Awaited<ReturnType<OidcClient['exchange']>>;
      try {
        identity = await requireClient().exchange({
          code: input.code,
          state: input.state,
          expectedState: input.flow.state,
          nonce: input.flow.nonce,
          codeVerifier: input.flow.codeVerifier,
        });
      } catch (err) {
        if (err instanceof OidcError) {
          ctx.log.warn({ reason: err.reason, detail: err.detail }, 'oidc sign-in failed');
          throw appError('oidc_failed', { reason: err.reason });
        }
        throw err;
      }
      const { db, clock, audit } = ctx;
      const link = await db
        .selectFrom('merchant_identities')
        .select('merchant_id')
        .where('issuer', '=', identity.issuer)
        .where('subject', '=', identity.subject)
        .executeTakeFirst();
      try {
        const merchantId = await db.transaction().execute(async (trx) => {
          if (link) return link.merchant_id;
          const now = clock.now();
          const row = newMerchant({
            accountType: 'personal',
            crossBorder: false,
            status: 'active',
            passwordHash: null,
            agreementVersion: null,
            now,
          });
          const id = row.id;
          await deps.store.insert(row, trx);
          await trx
            .insertInto('merchant_identities')
            .values({
              id: newId('mid'),
              merchant_id: id,
              issuer: identity.issuer,
              subject: identity.subject,
              created_at: now,
            })
            .execute();
          await audit.record(
            {
              action: 'merchant.registered',
              actorType: 'merchant',
              actorId: id,
              targetType: 'merchant',
              targetId: id,
              ip: meta.ip,
              data: { method: 'oidc', issuer: identity.issuer },
            },
            trx,
          );
          return id;
        });
        const m = await deps.store.byId(merchantId);
        if (!m) throw appError('oidc_failed', { reason: 'account_missing' });
        // The same second step as every other sign-in: TOTP when enabled.
        return deps.signIn.complete(m, 'oidc', meta);
      } catch (err) {
        if (isUniqueViolation(err)) throw appError('oidc_failed', { reason: 'concurrent_first_sign_in' });
        throw err;
      }
    },
  };
}
