import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { Context } from '../../context.js';
import { isAppError } from '../../kernel/errors.js';
import { checkWebhookUrl, guardedLookup } from './url-policy.js';
import type { WebhooksService } from './webhooks.service.js';
import { WEBHOOK_MAX_ATTEMPTS } from './webhooks.service.js';
import { webhooksStore as store } from './webhooks.store.js';

/**
 * The `webhook.deliver` job: one POST of `{type, timestamp, data}` signed per Standard Webhooks
 * (`webhook-id` = the event id, `webhook-timestamp` = this attempt's time, `webhook-signature` by the
 * `standardwebhooks` library, with a second signature while a rotated-out secret is in its grace).
 * 10 s timeout, redirects never followed, a 2xx answer is success. Anything else is recorded on the
 * delivery row and thrown, so the job system retries with its backoff; after the last attempt the
 * delivery is marked failed.
 */
export const DELIVERY_TIMEOUT_MS = 10_000;
export const EXCERPT_BYTES = 1024;
const USER_AGENT = 'Kaidian-Webhooks/1.0';

type Answer = { status: number; excerpt: string };

/** At most EXCERPT_BYTES of UTF-8, never ending in half a character. */
export function excerptOf(body: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, EXCERPT_BYTES), { stream: true });
}

/**
 * POSTs with node:http(s): no redirect handling at all, and in production a `lookup` that refuses
 * host names resolving to private addresses at connect time (no DNS rebinding window).
 */
export function postJson(
  url: URL,
  body: string,
  headers: Record<string, string>,
  opts: { dev: boolean; timeoutMs?: number },
): Promise<Answer> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        signal: AbortSignal.timeout(opts.timeoutMs ?? DELIVERY_TIMEOUT_MS),
        ...(opts.dev ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) {
            chunks.push(chunk);
            size += chunk.length;
          }
          if (size >= EXCERPT_BYTES) res.destroy(); // the rest is not needed
        });
        res.on('error', () => {}); // 'close' follows; the status is what counts
        res.on('close', () =>
          resolve({ status: res.statusCode ?? 0, excerpt: excerptOf(Buffer.concat(chunks)) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function describeError(err: unknown): string {
  if (isAppError(err)) return 'the URL is no longer allowed by the webhook URL policy';
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return `timed out after ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  return [e?.code, e?.message].filter(Boolean).join(': ').slice(0, 500) || 'request failed';
}

/** Mirrors the job system's backoff (kernel/jobs.ts) to show when the next attempt is due. */
const backoffMs = (attempts: number) => Math.min(3_600_000, 2 ** attempts * 1000);

export function createDeliveryHandler(ctx: Context, service: WebhooksService) {
  const { db, clock } = ctx;

  return async function deliver(payload: unknown, job: { id: string; attempts: number }): Promise<void> {
    const { deliveryId } = payload as { deliveryId: string };
    const delivery = await store.deliveryById(db, deliveryId);
    if (delivery?.status !== 'pending') return;
    const endpoint = await db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', delivery.endpoint_id)
      .executeTakeFirst();
    const now = clock.now();
    if (!endpoint || endpoint.deleted_at !== null || endpoint.status !== 'enabled') {
      await store.recordAttempt(db, deliveryId, {
        status: 'failed',
        last_error: 'the endpoint was deleted or disabled',
        next_attempt_at: null,
        completed_at: now,
      });
      return;
    }
    const event = await store.eventById(db, delivery.event_id);
    if (!event) throw new Error(`webhook event ${delivery.event_id} is missing`);

    const body = JSON.stringify({
      type: event.type,
      timestamp: new Date(event.created_at).toISOString(),
      data: JSON.parse(event.payload) as unknown,
    });
    const sentAt = new Date(now);
    const signature = service
      .signingSecrets(endpoint, now)
      .map((secret) => new Webhook(secret).sign(event.id, sentAt, body))
      .join(' ');
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(now / 1000)),
      'webhook-signature': signature,
    };

    const started = performance.now();
    let answer: Answer | null = null;
    let error: string | null = null;
    try {
      const url = checkWebhookUrl(endpoint.url, { dev: ctx.config.dev });
      answer = await postJson(url, body, headers, { dev: ctx.config.dev });
      if (answer.status < 200 || answer.status >= 300) {
        error =
          answer.status >= 300 && answer.status < 400
            ? `HTTP ${answer.status}: redirects are not followed`
            : `HTTP ${answer.status}`;
      }
    } catch (err) {
      error = describeError(err);
    }
    const durationMs = Math.round(performance.now() - started);

    const jobRow = await db
      .selectFrom('jobs')
      .select('max_attempts')
      .where('id', '=', job.id)
      .executeTakeFirst();
    const final = error !== null && job.attempts >= (jobRow?.max_attempts ?? WEBHOOK_MAX_ATTEMPTS);
    const finished = error === null || final;
    await store.recordAttempt(db, deliveryId, {
      status: error === null ? 'succeeded' : final ? 'failed' : 'pending',
      attempts: job.attempts,
      last_attempt_at: now,
      last_status_code: answer?.status ?? null,
      last_error: error,
      response_excerpt: answer?.excerpt ?? null,
      last_duration_ms: durationMs,
      next_attempt_at: finished ? null : now + backoffMs(job.attempts),
      completed_at: finished ? clock.now() : null,
    });
    if (error !== null) {
      throw new Error(`webhook delivery ${deliveryId}: ${error}`);
    }
  };
}
