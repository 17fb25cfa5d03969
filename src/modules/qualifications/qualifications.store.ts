import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';

/**
 * SQL for shop qualifications (SHOP-3). Merchant-side reads and writes take the shop id (DESIGN:
 * tenant scoping lives in the store); the review queue reads across shops for operators only.
 */
export type QualificationStatus = 'attached' | 'pending_review' | 'approved' | 'rejected';

export type QualificationRow = {
  id: string;
  shop_id: string;
  merchant_id: string;
  code: string;
  upload_id: string;
  status: QualificationStatus;
  reason: string | null;
  claimed_by: string | null;
  claimed_at: number | null;
  submitted_at: number | null;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
};

export type QualificationEventRow = {
  id: string;
  qualification_id: string;
  /** 1, 2, … within the qualification: the history's order even when timestamps tie. */
  seq: number;
  shop_id: string;
  event: string;
  from_status: string | null;
  to_status: string;
  actor_type: string;
  actor_id: string | null;
  reason: string | null;
  internal_note_enc: string | null;
  at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    shop_qualifications: QualificationRow;
    shop_qualification_events: QualificationEventRow;
  }
}

registerUniqueIndex('shop_qualifications_shop_id_code_key', 'shop_qualifications', ['shop_id', 'code']);

/** Statuses in which the merchant may (re)place the document. */
export const REPLACEABLE: QualificationStatus[] = ['attached', 'rejected'];

export function createQualificationsStore() {
  return {
    listForShop: (shopId: string, ex: Executor) =>
      ex
        .selectFrom('shop_qualifications')
        .selectAll()
        .where('shop_id', '=', shopId)
        .orderBy('code')
        .execute(),

    byShopAndCode: (shopId: string, code: string, ex: Executor) =>
      ex
        .selectFrom('shop_qualifications')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('code', '=', code)
        .executeTakeFirst(),

    /** Operators only: any row by id. */
    byId: (id: string, ex: Executor) =>
      ex.selectFrom('shop_qualifications').selectAll().where('id', '=', id).executeTakeFirst(),

    /**
     * Inserts the row or replaces its document while it is replaceable; undefined when the row is
     * under review or approved (decided by the database, not by a read before the write).
     */
    upsertDocument: (row: QualificationRow, ex: Executor) =>
      ex
        .insertInto('shop_qualifications')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['shop_id', 'code'])
            .doUpdateSet({
              upload_id: row.upload_id,
              status: 'attached',
              reason: null,
              claimed_by: null,
              claimed_at: null,
              updated_at: row.updated_at,
            })
            .where('shop_qualifications.status', 'in', REPLACEABLE),
        )
        .returningAll()
        .executeTakeFirst(),

    /** attached → pending_review for every attached row of the shop; returns the moved rows. */
    submitAttached: (shopId: string, now: number, ex: Executor) =>
      ex
        .updateTable('shop_qualifications')
        .set({ status: 'pending_review', submitted_at: now, updated_at: now })
        .where('shop_id', '=', shopId)
        .where('status', '=', 'attached')
        .returningAll()
        .execute(),

    queue: (status: QualificationStatus, ex: Executor) =>
      ex
        .selectFrom('shop_qualifications')
        .selectAll()
        .where('status', '=', status)
        .orderBy('submitted_at', 'asc')
        .orderBy('id')
        .limit(200)
        .execute(),

    events: (id: string, ex: Executor) =>
      ex
        .selectFrom('shop_qualification_events')
        .selectAll()
        .where('qualification_id', '=', id)
        .orderBy('seq', 'asc')
        .execute(),

    /** Appends an event; its seq is the next one of the qualification, computed in the statement. */
    addEvent: (row: Omit<QualificationEventRow, 'seq'>, ex: Executor) =>
      ex
        .insertInto('shop_qualification_events')
        .values({
          ...row,
          seq: sql<number>`(select coalesce(max(e.seq), 0) + 1 from shop_qualification_events e where e.qualification_id = ${row.qualification_id})`,
        })
        .execute(),
  };
}

export type QualificationsStore = ReturnType<typeof createQualificationsStore>;
