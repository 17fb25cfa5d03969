import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';

/** SQL for re-verifications (LIV-3). Every read on a merchant's behalf takes the merchant id. */

export const REVERIFICATION_KINDS = ['periodic', 'adhoc'] as const;
export type ReverificationKind = (typeof REVERIFICATION_KINDS)[number];
export const REVERIFICATION_STATUSES = ['due', 'in_progress', 'overdue', 'passed', 'failed'] as const;
export type ReverificationStatus = (typeof REVERIFICATION_STATUSES)[number];
/** Not passed yet: at most one per merchant and kind (partial unique index). */
export const UNRESOLVED: ReverificationStatus[] = ['due', 'in_progress', 'overdue', 'failed'];

export type ReverificationRow = {
  id: string;
  merchant_id: string;
  kind: ReverificationKind;
  reason: string;
  status: ReverificationStatus;
  requested_by_type: 'system' | 'operator' | 'integrator';
  requested_by: string;
  note_enc: string | null;
  due_at: number;
  started_at: number | null;
  completed_at: number | null;
  last_failed_at: number | null;
  attempts: number;
  liveness_session_id: string | null;
  satisfied_by: string | null;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    reverifications: ReverificationRow;
  }
}

export const OPEN_INDEX = 'reverifications_merchant_id_kind_key';
registerUniqueIndex(OPEN_INDEX, 'reverifications', ['merchant_id', 'kind']);
export const NOTE_FIELD = 'reverifications.note';
registerSealedColumn({ table: 'reverifications', pk: 'id', column: 'note_enc', field: NOTE_FIELD });

export const reverificationStore = {
  /** Inserts unless an unresolved one of the same merchant and kind exists; true when inserted. */
  async insertIfNone(row: ReverificationRow, ex: Executor): Promise<boolean> {
    const r = await ex
      .insertInto('reverifications')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  byId: (id: string, ex: Executor) =>
    ex.selectFrom('reverifications').selectAll().where('id', '=', id).executeTakeFirst(),

  byIdForMerchant: (id: string, merchantId: string, ex: Executor) =>
    ex
      .selectFrom('reverifications')
      .selectAll()
      .where('id', '=', id)
      .where('merchant_id', '=', merchantId)
      .executeTakeFirst(),

  listForMerchant: (merchantId: string, ex: Executor, limit = 100) =>
    ex
      .selectFrom('reverifications')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),

  list: (filter: { status?: ReverificationStatus; merchantId?: string }, ex: Executor, limit = 200) => {
    let q = ex.selectFrom('reverifications').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.merchantId) q = q.where('merchant_id', '=', filter.merchantId);
    return q.orderBy('due_at', 'asc').orderBy('id').limit(limit).execute();
  },

  unresolvedForMerchant: (merchantId: string, ex: Executor) =>
    ex
      .selectFrom('reverifications')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('status', 'in', UNRESOLVED)
      .execute(),

  /** The merchant's latest approved real-name case: the portrait a liveness check compares with. */
  approvedCase: (merchantId: string, ex: Executor) =>
    ex
      .selectFrom('verification_cases')
      .select(['id', 'decided_at'])
      .where('merchant_id', '=', merchantId)
      .where('status', '=', 'approved')
      .orderBy('decided_at', 'desc')
      .executeTakeFirst(),

  merchantExists: async (merchantId: string, ex: Executor) =>
    !!(await ex.selectFrom('merchants').select('id').where('id', '=', merchantId).executeTakeFirst()),

  /**
   * Merchants whose last pass (approved real-name case, or passed re-verification) is at or before
   * `cutoff` and who have no unresolved periodic re-verification; `anchor` is that last pass.
   */
  periodicCandidates: (cutoff: number, ex: Executor, limit: number) => {
    const anchor = sql<number>`case when p.passed_at is not null and p.passed_at > v.verified_at then p.passed_at else v.verified_at end`;
    const verified = ex
      .selectFrom('verification_cases')
      .select((eb) => ['merchant_id', eb.fn.max<number>('decided_at').as('verified_at')])
      .where('status', '=', 'approved')
      .where('decided_at', 'is not', null)
      .groupBy('merchant_id');
    const passed = ex
      .selectFrom('reverifications')
      .select((eb) => ['merchant_id', eb.fn.max<number>('completed_at').as('passed_at')])
      .where('status', '=', 'passed')
      .groupBy('merchant_id');
    return ex
      .selectFrom(verified.as('v'))
      .leftJoin(passed.as('p'), 'p.merchant_id', 'v.merchant_id')
      .select(['v.merchant_id as merchantId', anchor.as('anchor')])
      .where(anchor, '<=', cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('reverifications as r')
              .select('r.id')
              .whereRef('r.merchant_id', '=', 'v.merchant_id')
              .where('r.kind', '=', 'periodic')
              .where('r.status', 'in', UNRESOLVED),
          ),
        ),
      )
      .orderBy('v.merchant_id')
      .limit(limit)
      .execute();
  },

  /**
   * Past their due time without a pass: every `due` one, and `in_progress` ones whose session was
   * started before `abandonedBefore` (a running session gets its LIV-2 window to finish).
   */
  overdueCandidates: (now: number, abandonedBefore: number, ex: Executor, limit: number) =>
    ex
      .selectFrom('reverifications')
      .selectAll()
      .where('due_at', '<=', now)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'due'),
          eb.and([eb('status', '=', 'in_progress'), eb('started_at', '<=', abandonedBefore)]),
        ]),
      )
      .orderBy('due_at')
      .limit(limit)
      .execute(),

  /** Moves a row only if still in one of `from` (and unchanged since `fence`): one change wins. */
  async move(
    id: string,
    from: ReverificationStatus[],
    set: Partial<ReverificationRow>,
    ex: Executor,
    fence?: { updatedAt?: number },
  ): Promise<boolean> {
    let q = ex.updateTable('reverifications').set(set).where('id', '=', id).where('status', 'in', from);
    if (fence?.updatedAt !== undefined) q = q.where('updated_at', '=', fence.updatedAt);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** A pass satisfies every other unresolved obligation of the merchant; returns their ids. */
  async satisfyOthers(
    merchantId: string,
    byId: string,
    set: Partial<ReverificationRow>,
    ex: Executor,
  ): Promise<ReverificationRow[]> {
    return ex
      .updateTable('reverifications')
      .set({ ...set, status: 'passed', satisfied_by: byId })
      .where('merchant_id', '=', merchantId)
      .where('id', '!=', byId)
      .where('status', 'in', UNRESOLVED)
      .returningAll()
      .execute();
  },
};
