import type { Transaction } from 'kysely';
import type { Context } from '../../context.js';
import { HOUR } from '../../kernel/clock.js';
import type { Executor } from '../../kernel/db.js';
import type { Database } from '../../kernel/db-schema.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AdhocReason, Restriction, RestrictionEffect } from './reasons.js';
import { restrictionOf } from './restrictions.js';
import {
  NOTE_FIELD,
  type ReverificationRow,
  type ReverificationStatus,
  reverificationStore as store,
} from './reverification.store.js';
import './reverification.errors.js';

export type Emit = (type: string, data: Record<string, unknown>, trx?: Executor) => Promise<unknown>;
export type Requester = { type: 'operator' | 'integrator'; id: string };
export type LivenessOutcome = 'passed' | 'failed' | 'expired';

/** Operators who may request an ad-hoc re-verification; `support` may only read. */
const REQUESTERS = new Set(['admin', 'senior_reviewer', 'reviewer']);
const READERS = new Set([...REQUESTERS, 'support']);

/**
 * `onRestrictionChange(merchantId, trx)`: called inside the transaction of every change that can
 * start or end a restriction (a failure, a pass, an obligation falling overdue), so the shops module
 * can queue the sync of the shop's status (docs/shops.md "Re-verification and the shop").
 */
export type ReverificationDeps = {
  emit: Emit;
  onRestrictionChange?: ((merchantId: string, trx: Executor) => Promise<void>) | undefined;
};

export function createReverificationService(ctx: Context, deps: ReverificationDeps) {
  const { db, clock, config } = ctx;
  const cfg = config.reverification;

  /** Publishes a webhook (ids only). */
  async function publish(type: string, row: ReverificationRow, trx: Executor, extra = {}) {
    await deps.emit(
      type,
      {
        reverificationId: row.id,
        merchantId: row.merchant_id,
        kind: row.kind,
        reason: row.reason,
        dueAt: new Date(Number(row.due_at)).toISOString(),
        ...extra,
      },
      trx,
    );
  }

  const audit = (
    trx: Transaction<Database>,
    action: string,
    row: ReverificationRow,
    actor: { type: 'system' | 'operator' | 'integrator'; id: string | null },
    data: Record<string, unknown> = {},
    ip?: string,
  ) =>
    ctx.audit.record(
      {
        action,
        actorType: actor.type,
        actorId: actor.id,
        targetType: 'reverification',
        targetId: row.id,
        ip: ip ?? null,
        data: { merchantId: row.merchant_id, kind: row.kind, reason: row.reason, ...data },
      },
      trx,
    );

  async function operatorRole(operatorId: string): Promise<string | null> {
    const op = await db
      .selectFrom('operators')
      .select(['role', 'status'])
      .where('id', '=', operatorId)
      .executeTakeFirst();
    return op?.status === 'active' ? op.role : null;
  }

  async function byIdOr404(id: string): Promise<ReverificationRow> {
    const row = await store.byId(id, db);
    if (!row) throw appError('not_found');
    return row;
  }

  return {
    publish,
    audit,
    onRestrictionChange: deps.onRestrictionChange,

    async assertOperator(operatorId: string, need: 'read' | 'request'): Promise<void> {
      const role = await operatorRole(operatorId);
      if (!role || !(need === 'read' ? READERS : REQUESTERS).has(role)) throw appError('forbidden');
    },

    /** An ad-hoc re-verification; 409 `reverification_open` while one is unresolved. */
    async requestAdhoc(
      merchantId: string,
      input: { reason: AdhocReason; note?: string | undefined; dueInHours?: number | undefined },
      by: Requester,
      meta: { ip?: string } = {},
    ): Promise<ReverificationRow> {
      if (!(await store.merchantExists(merchantId, db))) throw appError('not_found');
      if (!(await store.approvedCase(merchantId, db))) throw appError('reverification_not_verified');
      const now = clock.now();
      const row: ReverificationRow = {
        id: newId('rever'),
        merchant_id: merchantId,
        kind: 'adhoc',
        reason: input.reason,
        status: 'due',
        requested_by_type: by.type,
        requested_by: by.id,
        note_enc: input.note ? ctx.crypto.encrypt(input.note, NOTE_FIELD) : null,
        due_at: now + (input.dueInHours ?? cfg.adhocDueHours) * HOUR,
        started_at: null,
        completed_at: null,
        last_failed_at: null,
        attempts: 0,
        liveness_session_id: null,
        satisfied_by: null,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        if (!(await store.insertIfNone(row, trx))) throw appError('reverification_open', { kind: 'adhoc' });
        await audit(trx, 'reverification.requested', row, by, { dueAt: row.due_at }, meta.ip);
        await publish('reverification.due', row, trx);
      });
      return row;
    },

    list: (filter: { status?: ReverificationStatus; merchantId?: string }) => store.list(filter, db),
    listForMerchant: (merchantId: string) => store.listForMerchant(merchantId, db),

    async getForMerchant(merchantId: string, id: string): Promise<ReverificationRow> {
      const row = await store.byIdForMerchant(id, merchantId, db);
      if (!row) throw appError('not_found');
      return row;
    },

    noteOf: (row: ReverificationRow) => (row.note_enc ? ctx.crypto.decrypt(row.note_enc, NOTE_FIELD) : null),

    /**
     * For the liveness module: whom a session for this re-verification checks. Null unless the
     * re-verification is the merchant's and unresolved, and the merchant has an approved case.
     */
    async subjectFor(
      reverificationId: string,
      merchantId: string,
    ): Promise<{ merchantId: string; verificationId: string } | null> {
      const row = await store.byIdForMerchant(reverificationId, merchantId, db);
      if (!row || row.status === 'passed') return null;
      const approved = await store.approvedCase(merchantId, db);
      return approved ? { merchantId, verificationId: approved.id } : null;
    },

    /**
     * A liveness session started (due, overdue, failed or in_progress → in_progress). A failed one is
     * retried this way; a new session replaces an earlier one, whose result is then refused.
     */
    async markStarted(reverificationId: string, livenessSessionId: string): Promise<ReverificationRow> {
      const row = await byIdOr404(reverificationId);
      if (row.status === 'passed') throw appError('reverification_not_open');
      if (row.liveness_session_id === livenessSessionId) {
        // A repeated call for the running session is a no-op; a finished session cannot restart.
        if (row.status === 'in_progress') return row;
        throw appError('conflict');
      }
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const moved = await store.move(
          row.id,
          [row.status],
          {
            status: 'in_progress',
            started_at: now,
            completed_at: null,
            liveness_session_id: livenessSessionId,
            attempts: row.attempts + 1,
            updated_at: now,
          },
          trx,
          { updatedAt: row.updated_at },
        );
        if (!moved) throw appError('conflict');
        await audit(trx, 'reverification.started', row, { type: 'system', id: null }, { livenessSessionId });
        return (await store.byId(row.id, trx))!;
      });
    },

    /**
     * The session's result. `passed` resolves this and every other unresolved re-verification of
     * the merchant (lifting the restriction); `failed`/`expired` make it `failed`, which restricts
     * until a later pass. A repeated call with the same outcome is a no-op, and so is the result of
     * a session that a newer `markStarted` replaced (when `livenessSessionId` is given).
     */
    async markFinished(
      reverificationId: string,
      outcome: LivenessOutcome,
      opts: { livenessSessionId?: string } = {},
    ): Promise<ReverificationRow> {
      const row = await byIdOr404(reverificationId);
      const target = outcome === 'passed' ? 'passed' : 'failed';
      const given = opts.livenessSessionId;
      if (given && row.liveness_session_id && given !== row.liveness_session_id) {
        // A session a newer one replaced (or a retried callback of one): its result is ignored.
        ctx.log.info({ reverificationId: row.id, livenessSessionId: given }, 'stale liveness result ignored');
        return row;
      }
      if (row.status === target && row.completed_at !== null) return row;
      if (row.status === 'passed') throw appError('reverification_not_open');
      if (!row.liveness_session_id || !['in_progress', 'overdue'].includes(row.status)) {
        throw appError('conflict');
      }
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const set: Partial<ReverificationRow> =
          target === 'passed'
            ? { status: 'passed', completed_at: now, updated_at: now }
            : { status: 'failed', completed_at: now, last_failed_at: now, updated_at: now };
        const moved = await store.move(row.id, [row.status], set, trx, { updatedAt: row.updated_at });
        if (!moved) throw appError('conflict');
        const fresh = (await store.byId(row.id, trx))!;
        const system = { type: 'system' as const, id: null };
        const session = { livenessSessionId: row.liveness_session_id };
        if (deps.onRestrictionChange) await deps.onRestrictionChange(row.merchant_id, trx);
        if (target === 'failed') {
          await audit(trx, 'reverification.failed', fresh, system, { ...session, outcome });
          await publish('reverification.failed', fresh, trx, { outcome });
          return fresh;
        }
        await audit(trx, 'reverification.passed', fresh, system, session);
        await publish('reverification.passed', fresh, trx);
        const others = await store.satisfyOthers(
          row.merchant_id,
          row.id,
          { completed_at: now, updated_at: now },
          trx,
        );
        for (const other of others) {
          await audit(trx, 'reverification.passed', other, system, { satisfiedBy: row.id });
          await publish('reverification.passed', other, trx, { satisfiedById: row.id });
        }
        return fresh;
      });
    },

    /** The restriction hook (LIV-3) for shops, listings and payouts. */
    async restrictions(merchantId: string): Promise<Restriction> {
      const rows = await store.unresolvedForMerchant(merchantId, db);
      return restrictionOf(rows, clock.now(), cfg.restrictions);
    },

    /** Throws `merchant_restricted` (403, with effects and reasons) when `effect` is in force. */
    async assertNotRestricted(merchantId: string, effect: RestrictionEffect): Promise<void> {
      const r = restrictionOf(
        await store.unresolvedForMerchant(merchantId, db),
        clock.now(),
        cfg.restrictions,
      );
      if (r.restricted && r.effects.includes(effect)) {
        throw appError('merchant_restricted', { effect, effects: r.effects, reasons: r.reasons });
      }
    },
  };
}

export type ReverificationService = ReturnType<typeof createReverificationService>;
