import type { Context } from '../../context.js';
import { DAY } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { VerificationService } from './verification.service.js';
import type { createVerificationStore } from './verification.store.js';

/** What expedited review needs from accounts: the merchant's phone and its SMS codes. */
export type MerchantPhone = {
  ownPhone(merchantId: string): Promise<string | null>;
  verifyCode(input: { phone: string; purpose: 'expedite'; code: string; ip?: string }): Promise<void>;
};

/** Wrong "last 4" answers per case per day: with 36 characters a guess is not free. */
export const EXPEDITE_ATTEMPTS_PER_DAY = 5;

/**
 * KYC-8: when a submission has no result after 48 hours, the merchant may ask for expedited
 * manual review by proving the registered phone (an SMS code, purpose `expedite`) and the last
 * 4 characters of the ID number (the USCC for an enterprise). The case moves to the front of the
 * queue (`priority` 1); its status does not change. Asking twice is harmless.
 */
export function createExpedite(
  ctx: Context,
  store: ReturnType<typeof createVerificationStore>,
  cases: VerificationService,
  phone: MerchantPhone | undefined,
  /** After an expedite (and on a repeated request): e.g. the support module opens a ticket. */
  onExpedited?: (c: { merchantId: string; caseId: string }) => Promise<unknown>,
) {
  const { db, clock, audit, rateLimits } = ctx;
  return async (merchantId: string, caseId: string, input: { code: string; idLast4: string }, ip: string) => {
    const row = await cases.get(merchantId, caseId);
    const now = clock.now();
    const open = row.status === 'pending_review' || row.status === 'checking' || row.status === 'submitted';
    if (!open || row.escalation_eligible_at === null || Number(row.escalation_eligible_at) > now)
      throw appError('expedite_not_available', {
        eligibleAt: row.escalation_eligible_at
          ? new Date(Number(row.escalation_eligible_at)).toISOString()
          : null,
      });
    const after = async <T>(result: T): Promise<T> => {
      // Best effort and idempotent on the other side: a repeated request heals a missed follow-up.
      await onExpedited?.({ merchantId, caseId })?.catch((err: unknown) =>
        ctx.log.error({ err, caseId }, 'follow-up of an expedited review failed'),
      );
      return result;
    };
    if (row.expedited_at !== null) return after(row);
    const gate = await rateLimits.peek('expedite_last4', caseId, DAY);
    if (gate >= EXPEDITE_ATTEMPTS_PER_DAY) throw appError('rate_limited', { retryAfterSeconds: 86_400 });
    const registered = phone ? await phone.ownPhone(merchantId) : null;
    if (!phone || !registered) throw appError('phone_required');
    await phone.verifyCode({ phone: registered, purpose: 'expedite', code: input.code, ip });
    if (input.idLast4.trim().toUpperCase() !== row.id_last4.toUpperCase()) {
      await rateLimits.hit('expedite_last4', caseId, EXPEDITE_ATTEMPTS_PER_DAY, DAY);
      await audit.record({
        action: 'verification.expedite_failed',
        actorType: 'merchant',
        actorId: merchantId,
        targetType: 'verification',
        targetId: caseId,
        ip,
      });
      throw appError('expedite_check_failed');
    }
    await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('verification_cases')
        .set({ priority: 1, expedited_at: now, updated_at: now })
        .where('id', '=', caseId)
        .where('status', '=', row.status)
        .where('expedited_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      await store.addEvent(
        {
          id: newId('vev'),
          case_id: caseId,
          from_status: row.status,
          to_status: row.status,
          event: 'expedite',
          actor_type: 'merchant',
          actor_id: merchantId,
          reasons: '[]',
          internal_note_enc: null,
          at: now,
        },
        trx,
      );
      await audit.record(
        {
          action: 'verification.expedited',
          actorType: 'merchant',
          actorId: merchantId,
          targetType: 'verification',
          targetId: caseId,
          ip,
        },
        trx,
      );
    });
    return after((await store.byId(caseId, db))!);
  };
}
