import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Context } from '../../context.js';
import { HOUR } from '../../kernel/clock.js';
import type { Executor } from '../../kernel/db.js';
import type { Database } from '../../kernel/db-schema.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { assertNoPii, checkSubscription, isKnownEventType, subscribes } from './event-types.js';
import { checkWebhookUrl } from './url-policy.js';
import {
  type DeliveryRow,
  type EndpointRow,
  PREVIOUS_SECRET_FIELD,
  SECRET_FIELD,
  webhooksStore as store,
} from './webhooks.store.js';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** After a rotation the old secret keeps signing (a second signature) for this long. */
export const ROTATION_GRACE_MS = 24 * HOUR;

/** Who manages endpoints: an admin operator or an integrator's API key. */
export type Caller = { type: 'operator' | 'integrator'; id: string };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function endpointView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function deliveryView(row: DeliveryRow & { event_type: string }) {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    responseExcerpt: row.response_excerpt,
    lastDurationMs: row.last_duration_ms,
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: iso(row.completed_at),
  };
}

const encodeCursor = (r: { created_at: number; id: string }) =>
  Buffer.from(`${r.created_at}.${r.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const m = /^(\d{1,16})\.([a-z]+_[0-9a-z]{1,40})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw appError('bad_request');
  return { createdAt: Number(m[1]), id: m[2]! };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

export function createWebhooksService(ctx: Context) {
  const { db, clock, crypto } = ctx;

  const audit = (action: string, caller: Caller, targetId: string, data?: Record<string, unknown>) => ({
    action,
    actorType: caller.type,
    actorId: caller.id,
    targetType: 'webhook_endpoint',
    targetId,
    data,
  });

  async function endpointOr404(id: string): Promise<EndpointRow> {
    const row = await store.endpointById(db, id);
    if (!row) throw appError('not_found');
    return row;
  }

  return {
    async createEndpoint(input: { url: string; eventTypes: string[]; description?: string }, caller: Caller) {
      const url = checkWebhookUrl(input.url, { dev: ctx.config.dev });
      const eventTypes = checkSubscription(input.eventTypes);
      const secret = newSigningSecret();
      const now = clock.now();
      const row: EndpointRow = {
        id: newId('whe'),
        url: url.href,
        description: input.description ?? null,
        event_types: JSON.stringify(eventTypes),
        secret_enc: crypto.encrypt(secret, SECRET_FIELD),
        previous_secret_enc: null,
        previous_secret_until: null,
        status: 'enabled',
        created_by_type: caller.type,
        created_by_id: caller.id,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await store.insertEndpoint(trx, row);
        // The host only: a URL's path or query may carry the receiver's own token.
        await ctx.audit.record(
          audit('webhook_endpoint.created', caller, row.id, { host: url.host, eventTypes }),
          trx,
        );
      });
      return { endpoint: endpointView(row), secret };
    },

    async listEndpoints() {
      return (await store.listEndpoints(db)).map(endpointView);
    },

    async deleteEndpoint(id: string, caller: Caller): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await store.softDeleteEndpoint(trx, id, clock.now()))) throw appError('not_found');
        await ctx.audit.record(audit('webhook_endpoint.deleted', caller, id), trx);
      });
    },

    /** New secret, shown once; the old one still signs (as a second signature) for 24 hours. */
    async rotateSecret(id: string, caller: Caller) {
      const secret = newSigningSecret();
      const now = clock.now();
      const previousUntil = now + ROTATION_GRACE_MS;
      await db.transaction().execute(async (trx) => {
        const row = await store.endpointById(trx, id);
        if (!row) throw appError('not_found');
        const previous = crypto.decrypt(row.secret_enc, SECRET_FIELD);
        const ok = await store.rotateSecret(trx, id, {
          secretEnc: crypto.encrypt(secret, SECRET_FIELD),
          previousEnc: crypto.encrypt(previous, PREVIOUS_SECRET_FIELD),
          previousUntil,
          now,
        });
        if (!ok) throw appError('not_found');
        await ctx.audit.record(audit('webhook_endpoint.secret_rotated', caller, id), trx);
      });
      return {
        endpoint: endpointView(await endpointOr404(id)),
        secret,
        previousSecretValidUntil: new Date(previousUntil).toISOString(),
      };
    },

    /** The secrets a delivery is signed with now: the current one, and the previous during its grace. */
    signingSecrets(row: EndpointRow, now: number): string[] {
      const out = [crypto.decrypt(row.secret_enc, SECRET_FIELD)];
      if (row.previous_secret_enc && (row.previous_secret_until ?? 0) > now) {
        out.push(crypto.decrypt(row.previous_secret_enc, PREVIOUS_SECRET_FIELD));
      }
      return out;
    },

    /** The delivery log of one endpoint, newest first, `limit` at a time. */
    async deliveries(endpointId: string, page: { limit?: number; cursor?: string } = {}) {
      await endpointOr404(endpointId);
      const limit = Math.min(Math.max(page.limit ?? 20, 1), 100);
      const after = page.cursor ? decodeCursor(page.cursor) : undefined;
      const rows = await store.deliveriesPage(db, endpointId, limit + 1, after);
      const more = rows.length > limit;
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return { deliveries: shown.map(deliveryView), nextCursor: more && last ? encodeCursor(last) : null };
    },

    /**
     * Records an event and queues one delivery per enabled endpoint subscribed to its type, all in
     * the caller's transaction when given: if it rolls back, nothing was emitted. `data` holds ids
     * only (docs/webhooks.md).
     */
    async emit(
      type: string,
      data: Record<string, unknown>,
      trx?: Executor,
    ): Promise<{ eventId: string; deliveryIds: string[] }> {
      // An unknown type here is a bug in the emitting module (500), not the caller's mistake.
      if (!isKnownEventType(type)) throw new Error(`webhook event type ${type} is not in the catalog`);
      assertNoPii(data);
      const run = async (t: Transaction<Database>) => {
        const now = clock.now();
        const eventId = newId('evt');
        await store.insertEvent(t, { id: eventId, type, payload: JSON.stringify(data), created_at: now });
        const endpoints = (await store.enabledEndpoints(t)).filter((e) =>
          subscribes(JSON.parse(e.event_types) as string[], type),
        );
        const deliveryIds: string[] = [];
        for (const e of endpoints) {
          const id = newId('whd');
          await store.insertDelivery(t, {
            id,
            endpoint_id: e.id,
            event_id: eventId,
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            last_attempt_at: null,
            last_status_code: null,
            last_error: null,
            response_excerpt: null,
            last_duration_ms: null,
            created_at: now,
            completed_at: null,
          });
          await ctx.jobs.enqueue(
            WEBHOOK_DELIVER_JOB,
            { deliveryId: id },
            { maxAttempts: WEBHOOK_MAX_ATTEMPTS },
            t,
          );
          deliveryIds.push(id);
        }
        return { eventId, deliveryIds };
      };
      if (trx?.isTransaction) return run(trx as Transaction<Database>);
      const result = await db.transaction().execute(run);
      if (result.deliveryIds.length > 0) ctx.jobs.kick();
      return result;
    },
  };
}
