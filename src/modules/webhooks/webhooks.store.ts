import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';

/** SQL for API keys, webhook endpoints, events and deliveries (tables: migration 0006). */

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string; // JSON array
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

export type EndpointRow = {
  id: string;
  url: string;
  description: string | null;
  event_types: string; // JSON array; ["*"] for everything
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_until: number | null;
  status: 'enabled' | 'disabled';
  created_by_type: 'operator' | 'integrator';
  created_by_id: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
};

export type EventRow = { id: string; type: string; payload: string; created_at: number };

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export type DeliveryRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  response_excerpt: string | null;
  last_duration_ms: number | null;
  created_at: number;
  completed_at: number | null;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    api_keys: ApiKeyRow;
    webhook_endpoints: EndpointRow;
    webhook_events: EventRow;
    webhook_deliveries: DeliveryRow;
  }
}

export const SECRET_FIELD = 'webhook_endpoints.secret';
export const PREVIOUS_SECRET_FIELD = 'webhook_endpoints.previous_secret';

registerUniqueIndex('api_keys_prefix_key', 'api_keys', ['prefix']);
registerUniqueIndex('api_keys_secret_hash_key', 'api_keys', ['secret_hash']);
registerUniqueIndex('webhook_deliveries_endpoint_id_event_id_key', 'webhook_deliveries', [
  'endpoint_id',
  'event_id',
]);
registerSealedColumn({ table: 'webhook_endpoints', pk: 'id', column: 'secret_enc', field: SECRET_FIELD });
registerSealedColumn({
  table: 'webhook_endpoints',
  pk: 'id',
  column: 'previous_secret_enc',
  field: PREVIOUS_SECRET_FIELD,
});

export const webhooksStore = {
  insertEndpoint: (db: Executor, row: EndpointRow) =>
    db.insertInto('webhook_endpoints').values(row).execute(),

  /** Endpoints that are not deleted, oldest first. */
  listEndpoints: (db: Executor) =>
    db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute(),

  endpointById: (db: Executor, id: string) =>
    db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),

  enabledEndpoints: (db: Executor) =>
    db
      .selectFrom('webhook_endpoints')
      .select(['id', 'event_types'])
      .where('status', '=', 'enabled')
      .where('deleted_at', 'is', null)
      .execute(),

  async softDeleteEndpoint(db: Executor, id: string, now: number): Promise<boolean> {
    const r = await db
      .updateTable('webhook_endpoints')
      .set({ deleted_at: now, updated_at: now, status: 'disabled' })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async rotateSecret(
    db: Executor,
    id: string,
    next: { secretEnc: string; previousEnc: string; previousUntil: number; now: number },
  ): Promise<boolean> {
    const r = await db
      .updateTable('webhook_endpoints')
      .set({
        secret_enc: next.secretEnc,
        previous_secret_enc: next.previousEnc,
        previous_secret_until: next.previousUntil,
        updated_at: next.now,
      })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  insertEvent: (db: Executor, row: EventRow) => db.insertInto('webhook_events').values(row).execute(),

  insertDelivery: (db: Executor, row: DeliveryRow) =>
    db.insertInto('webhook_deliveries').values(row).execute(),

  deliveryById: (db: Executor, id: string) =>
    db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst(),

  eventById: (db: Executor, id: string) =>
    db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Records one attempt; only a pending delivery changes (a finished one stays as it is). */
  recordAttempt: (
    db: Executor,
    id: string,
    set: Partial<Omit<DeliveryRow, 'id' | 'endpoint_id' | 'event_id' | 'created_at'>>,
  ) =>
    db
      .updateTable('webhook_deliveries')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute(),

  /** One endpoint's deliveries, newest first, after the (created_at, id) cursor when given. */
  deliveriesPage: (
    db: Executor,
    endpointId: string,
    limit: number,
    after?: { createdAt: number; id: string },
  ) => {
    let q = db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .selectAll('d')
      .select('e.type as event_type')
      .where('d.endpoint_id', '=', endpointId);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('d.created_at', '<', after.createdAt),
          eb.and([eb('d.created_at', '=', after.createdAt), eb('d.id', '<', after.id)]),
        ]),
      );
    }
    return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
  },
};
