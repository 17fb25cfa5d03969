import type { Context } from '../../context.js';
import type { CaseDocuments } from './case-documents.js';
import { EDITABLE_STATUSES } from './documents.js';
import type { VerificationService } from './verification.service.js';
import type { CaseRow, createVerificationStore } from './verification.store.js';

/** A liveness session's subject (src/modules/liveness): a case, or a re-verification challenge. */
type Subject = { verificationId?: string | null; reverificationId?: string | null };

/** Resolves a re-verification challenge to the merchant's approved case (src/modules/reverification). */
export type ReverificationLookup = (
  reverificationId: string,
  merchantId: string,
) => Promise<{ verificationId: string } | null>;

/**
 * What liveness sessions need from verification (LIV-1): the ID number and the ID portrait of the
 * subject. A case takes a session only while the merchant can still change it; a re-verification
 * compares with the portrait of the merchant's approved case.
 */
export function createLivenessLink(
  ctx: Context,
  store: ReturnType<typeof createVerificationStore>,
  cases: VerificationService,
  docs: CaseDocuments,
  reverification: () => ReverificationLookup | undefined,
) {
  async function caseOf(subject: Subject, merchantId: string): Promise<CaseRow | null> {
    if (subject.verificationId) {
      const row = await store.byIdForMerchant(subject.verificationId, merchantId, ctx.db);
      return row && EDITABLE_STATUSES.has(row.status) && docs.livenessRequired(row) ? row : null;
    }
    const lookup = reverification();
    if (!subject.reverificationId || !lookup) return null;
    const found = await lookup(subject.reverificationId, merchantId);
    if (!found) return null;
    const row = await store.byIdForMerchant(found.verificationId, merchantId, ctx.db);
    return row?.status === 'approved' ? row : null;
  }

  return {
    async identityFor(subject: Subject, merchantId: string) {
      const row = await caseOf(subject, merchantId);
      if (!row) return null;
      const s = cases.subject(row) as { idNumber?: string; legalRepresentative?: { idNumber: string } };
      const idNumber = s.idNumber ?? s.legalRepresentative?.idNumber;
      return idNumber ? { idNumber } : null;
    },
    async portraitFor(subject: Subject, merchantId: string) {
      const row = await caseOf(subject, merchantId);
      return row ? docs.portrait(row) : null;
    },
  };
}
