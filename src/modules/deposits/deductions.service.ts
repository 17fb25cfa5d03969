import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type Core, DEDUCTION_ROLES, type Trx } from './deposits.core.js';
import type { DeductionRow, DeductionStatus } from './deposits.store.js';
import { account, assertFen } from './ledger.store.js';

/**
 * Violation deductions (DEP-1). An operator deducts with reason and evidence: deposit_held →
 * violation_pending, and the merchant is told by SMS. Within the appeal window the merchant may
 * appeal; an operator upholds (pending → platform:violation_income) or reverses (pending →
 * deposit_held). A deduction not appealed settles as upheld when the window ends (durable job).
 *
 *   pending ──appeal──▶ appealed
 *   pending | appealed ──reverse──▶ reversed
 *   appealed ──uphold──▶ upheld;  pending ──window ends (job) or uphold after it──▶ upheld
 */
export const SETTLE_JOB = 'deposit.deduction_settle';

export type DeductionView = {
  id: string;
  shopId: string;
  amountFen: number;
  reason: string;
  evidenceUploadIds: string[];
  status: DeductionStatus;
  appealDeadlineAt: string;
  appeal: { statement: string; uploadIds: string[]; appealedAt: string } | null;
  decidedAt: string | null;
  createdAt: string;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export const deductionView = (d: DeductionRow): DeductionView => ({
  id: d.id,
  shopId: d.shop_id,
  amountFen: Number(d.amount_fen),
  reason: d.reason,
  evidenceUploadIds: JSON.parse(d.evidence_upload_ids) as string[],
  status: d.status,
  appealDeadlineAt: iso(d.appeal_deadline_at) as string,
  appeal:
    d.appealed_at === null
      ? null
      : {
          statement: d.appeal_statement ?? '',
          uploadIds: JSON.parse(d.appeal_upload_ids ?? '[]') as string[],
          appealedAt: iso(d.appealed_at) as string,
        },
  decidedAt: iso(d.decided_at),
  createdAt: iso(d.created_at) as string,
});

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function createDeductions(core: Core) {
  const { ctx, deps, store, ledger } = core;
  const { db, clock, audit, jobs } = ctx;

  const load = async (shopId: string, id: string) => {
    const row = await store.deduction(db, shopId, id);
    if (!row) throw appError('not_found');
    return row;
  };

  /** Upholds or reverses inside `trx`, once; undefined when the deduction was not in `from`. */
  async function settle(
    trx: Trx,
    row: DeductionRow,
    to: 'upheld' | 'reversed',
    from: DeductionStatus[],
    by: { type: 'operator' | 'system'; id: string },
    note: string | null,
  ): Promise<DeductionRow | undefined> {
    const now = clock.now();
    const done = await store.transitionDeduction(trx, row.shop_id, row.id, from, {
      status: to,
      decided_by: by.id,
      decision_note: note,
      decided_at: now,
      updated_at: now,
    });
    if (!done) return undefined;
    const amount = Number(row.amount_fen);
    const target = to === 'upheld' ? account.violationIncome : account.held(row.shop_id);
    await ledger.post(
      trx,
      row.shop_id,
      {
        kind: to === 'upheld' ? 'deduction_uphold' : 'deduction_reverse',
        idempotencyKey: `deduction_settle:${row.id}`,
        refId: row.id,
        legs: [
          { account: account.pending(row.shop_id), amountFen: -amount },
          { account: target, amountFen: amount },
        ],
      },
      now,
    );
    await audit.record(
      {
        action: `deposit.deduction_${to}`,
        actorType: by.type,
        actorId: by.type === 'operator' ? by.id : null,
        targetType: 'shop',
        targetId: row.shop_id,
        data: { deductionId: row.id, amountFen: amount },
      },
      trx,
    );
    await deps.emit(
      `deposit.deduction_${to}`,
      { shopId: row.shop_id, deductionId: row.id, amountFen: amount },
      trx,
    );
    if (deps.onDeductionSettled) await deps.onDeductionSettled(row.shop_id, row.id, trx);
    return done;
  }

  ctx.jobs.register(SETTLE_JOB, async (payload) => {
    const p = payload as { shopId: string; deductionId: string };
    const row = await store.deduction(db, p.shopId, p.deductionId);
    if (row?.status !== 'pending' || clock.now() < Number(row.appeal_deadline_at)) return;
    await db
      .transaction()
      .execute((trx) => settle(trx, row, 'upheld', ['pending'], { type: 'system', id: 'system' }, null));
  });

  return {
    async deduct(
      shopId: string,
      operatorId: string,
      input: {
        amountFen: number;
        reason: string;
        evidenceUploadIds?: string[] | undefined;
        idempotencyKey: string;
      },
    ): Promise<{ deduction: DeductionView; replayed: boolean }> {
      await core.requireRole(operatorId, DEDUCTION_ROLES);
      assertFen(input.amountFen);
      const evidence = [...new Set(input.evidenceUploadIds ?? [])];
      const phone = await core.ownerPhone(shopId);
      const { resultId, replayed } = await core.idempotent(
        shopId,
        'deduction.create',
        input.idempotencyKey,
        { amountFen: input.amountFen, reason: input.reason, evidenceUploadIds: evidence },
        async (trx, id) => {
          const now = clock.now();
          const deadline = now + core.appealWindowMs;
          await store.insertDeduction(trx, {
            id,
            shop_id: shopId,
            amount_fen: input.amountFen,
            reason: input.reason,
            evidence_upload_ids: JSON.stringify(evidence),
            status: 'pending',
            appeal_deadline_at: deadline,
            appeal_statement: null,
            appeal_upload_ids: null,
            appealed_at: null,
            created_by: operatorId,
            decided_by: null,
            decision_note: null,
            decided_at: null,
            created_at: now,
            updated_at: now,
          });
          await ledger.post(
            trx,
            shopId,
            {
              kind: 'deduction_hold',
              idempotencyKey: `deduction_hold:${id}`,
              refId: id,
              legs: [
                { account: account.held(shopId), amountFen: -input.amountFen },
                { account: account.pending(shopId), amountFen: input.amountFen },
              ],
            },
            now,
          );
          const payload = { shopId, deductionId: id };
          await jobs.enqueue(SETTLE_JOB, payload, { runAt: deadline, dedupeKey: `${SETTLE_JOB}:${id}` }, trx);
          await audit.record(
            {
              action: 'deposit.deducted',
              actorType: 'operator',
              actorId: operatorId,
              targetType: 'shop',
              targetId: shopId,
              data: { deductionId: id, amountFen: input.amountFen, evidenceCount: evidence.length },
            },
            trx,
          );
          await deps.emit(
            'deposit.deducted',
            { shopId, deductionId: id, amountFen: input.amountFen, appealDeadlineAt: iso(deadline) },
            trx,
          );
          if (phone && deps.notice) {
            const text =
              `【开店】您的店铺因违规被扣除保证金 ${yuan(input.amountFen)} 元，原因：${input.reason.slice(0, 60)}。` +
              `如有异议，请于 ${iso(deadline)?.slice(0, 10)} 前在保证金页面提交申诉。`;
            await deps.notice.sms(phone, text, trx);
          }
        },
        newId('ddn'),
      );
      return { deduction: deductionView(await load(shopId, resultId)), replayed };
    },

    async list(shopId: string): Promise<DeductionView[]> {
      return (await store.deductions(db, shopId)).map(deductionView);
    },

    /** The merchant appeals within the window; appealing again returns the appeal on file. */
    async appeal(
      shopId: string,
      merchantId: string,
      id: string,
      input: { statement: string; uploadIds?: string[] | undefined },
    ): Promise<DeductionView> {
      const row = await load(shopId, id);
      if (row.status === 'appealed') return deductionView(row);
      if (row.status !== 'pending')
        throw appError('deposit_deduction_state', { deductionStatus: row.status });
      const now = clock.now();
      if (now >= Number(row.appeal_deadline_at))
        throw appError('deposit_appeal_window_closed', { appealDeadlineAt: iso(row.appeal_deadline_at) });
      const done = await db.transaction().execute(async (trx) => {
        const d = await store.transitionDeduction(trx, shopId, id, ['pending'], {
          status: 'appealed',
          appeal_statement: input.statement,
          appeal_upload_ids: JSON.stringify([...new Set(input.uploadIds ?? [])]),
          appealed_at: now,
          updated_at: now,
        });
        if (!d) return undefined;
        await audit.record(
          {
            action: 'deposit.appealed',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'shop',
            targetId: shopId,
            data: { deductionId: id },
          },
          trx,
        );
        await deps.emit(
          'deposit.appealed',
          { shopId, deductionId: id, amountFen: Number(d.amount_fen) },
          trx,
        );
        return d;
      });
      if (done) return deductionView(done);
      const now2 = await load(shopId, id);
      if (now2.status === 'appealed') return deductionView(now2);
      throw appError('deposit_deduction_state', { deductionStatus: now2.status });
    },

    /** Operator decision; repeating the decision already made returns it. */
    async decide(
      shopId: string,
      operatorId: string,
      id: string,
      input: { decision: 'uphold' | 'reverse'; note?: string | undefined },
    ): Promise<DeductionView> {
      await core.requireRole(operatorId, DEDUCTION_ROLES);
      const row = await load(shopId, id);
      const to = input.decision === 'uphold' ? 'upheld' : 'reversed';
      if (row.status === to) return deductionView(row);
      const windowOver = clock.now() >= Number(row.appeal_deadline_at);
      const from: DeductionStatus[] =
        to === 'reversed' ? ['pending', 'appealed'] : windowOver ? ['pending', 'appealed'] : ['appealed'];
      if (!from.includes(row.status))
        throw appError('deposit_deduction_state', { deductionStatus: row.status });
      const done = await db
        .transaction()
        .execute((trx) =>
          settle(trx, row, to, from, { type: 'operator', id: operatorId }, input.note ?? null),
        );
      if (done) return deductionView(done);
      const after = await load(shopId, id);
      if (after.status === to) return deductionView(after);
      throw appError('deposit_deduction_state', { deductionStatus: after.status });
    },
  };
}

export type Deductions = ReturnType<typeof createDeductions>;
