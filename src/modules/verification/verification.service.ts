import type { Context } from '../../context.js';
import { type Executor, isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import { requiredSlots } from './documents.js';
import { reasonOf } from './reasons.js';
import { type CaseEvent, type CaseStatus, holdsIdentity, nextStatus } from './state-machine.js';

/** Statuses after which the case's liveness frames are no longer needed (LIV-4). */
const CLOSED: ReadonlySet<CaseStatus> = new Set([
  'approved',
  'rejected_retry',
  'rejected_final',
  'withdrawn',
]);
const stillOpen = (s: CaseStatus) => !CLOSED.has(s);

import { checkDocumentValidity, isLongTerm, LONG_TERM } from './validators/document-expiry.js';
import { parseIdNumber, parseUscc } from './validators/index.js';
import type { CaseRow, createVerificationStore } from './verification.store.js';

/**
 * Verification cases (SPEC §2). A bad ID number or USCC is refused before anything is stored.
 * Creating a case claims its identity (KYC-5) through a partial unique index, so of two merchants
 * racing for one identity exactly one wins, on SQLite and on PostgreSQL alike.
 */

export type PersonalInput = {
  kind: 'personal';
  name: string;
  idRegion: 'mainland' | 'hong_kong' | 'macao' | 'taiwan' | 'overseas';
  idType: string;
  idNumber: string;
} & CommonInput;
type CommonInput = {
  crossBorder?: boolean | undefined;
  /** KYC-3: the document's end date, `YYYY-MM-DD` or `long_term`; at least 3 months ahead. */
  documentValidUntil?: string | undefined;
  /** KYC-4: the shop's category is high-risk, so the photo holding the ID is required. */
  highRiskCategory?: boolean | undefined;
  /** KYC-2: a regulated industry (medical devices, publications…) needs its industry licence. */
  regulatedIndustry?: boolean | undefined;
};
export type EnterpriseInput = {
  kind: 'enterprise';
  companyName: string;
  uscc: string;
  legalRepresentative: { name: string; idNumber: string };
} & CommonInput;

/** Documents whose numbers follow GB 11643-1999 (and which `parseIdNumber` recognises). */
const GB11643_TYPES: Record<string, string[]> = {
  resident_id: ['resident_id'],
  residence_permit: ['hk_residence_permit', 'macao_residence_permit', 'taiwan_residence_permit'],
  foreign_permanent_residence: ['foreign_permanent_residence', 'foreign_permanent_residence_2004'],
};

/** Other documents (passports, travel permits) get a format check; the authority check does the rest. */
const OTHER_FORMATS: Record<string, RegExp> = {
  hk_macao_travel_permit: /^[HM]\d{8}(\d{2})?$/,
  taiwan_travel_permit: /^\d{8}$/,
  passport: /^[A-Z0-9]{5,20}$/,
};

function cleanName(name: string): string {
  const n = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (n.length < 1 || n.length > 64 || /[\u0000-\u001f\u007f\u202a-\u202e]/.test(n)) {
    throw appError('validation_failed', { errors: [{ path: 'body.name', message: 'invalid name' }] });
  }
  return n;
}

function personalIdentity(input: PersonalInput, today: Date): { number: string; documentType: string } {
  const accepted = GB11643_TYPES[input.idType];
  if (accepted) {
    const parsed = parseIdNumber(input.idNumber, { today });
    if (!parsed.ok) throw appError('id_number_invalid', { reason: parsed.reason });
    if (!accepted.includes(parsed.documentType))
      throw appError('id_number_invalid', { reason: 'document_type' });
    return { number: parsed.normalized, documentType: parsed.documentType };
  }
  const format = OTHER_FORMATS[input.idType];
  const number = input.idNumber.normalize('NFKC').trim().toUpperCase();
  if (!format)
    throw appError('validation_failed', {
      errors: [{ path: 'body.idType', message: 'unknown document type' }],
    });
  if (!format.test(number)) throw appError('id_number_invalid', { reason: 'format' });
  return { number, documentType: input.idType };
}

/** Publishes a webhook inside the caller's transaction (the webhooks module's `emit`). */
export type Emit = (type: string, data: Record<string, unknown>, trx: Executor) => Promise<unknown>;

const DECISION_EVENTS: Partial<Record<CaseStatus, string>> = {
  approved: 'verification.approved',
  rejected_retry: 'verification.rejected',
  rejected_final: 'verification.rejected',
  more_info_requested: 'verification.more_info_requested',
};

export function createVerificationService(
  ctx: Context,
  store: ReturnType<typeof createVerificationStore>,
  emit?: Emit,
  /** Called after a case is decided or withdrawn (LIV-4: the liveness frames go). Best effort. */
  onClosed?: (caseId: string) => Promise<unknown>,
) {
  const { db, clock, crypto, audit } = ctx;
  const seal = (v: unknown) => crypto.encrypt(JSON.stringify(v), 'verification_cases.subject');

  function view(row: CaseRow, lang: Lang) {
    const codes = JSON.parse(row.reasons) as string[];
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      reasons: codes.map((code) => {
        const r = reasonOf(code);
        return {
          code,
          kind: r?.kind ?? 'retry',
          message: r ? (lang === 'en' ? r.message.en : r.message.zh) : code,
        };
      }),
      createdAt: new Date(row.created_at).toISOString(),
      submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
      decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    };
  }

  return {
    view,

    async create(merchantId: string, input: PersonalInput | EnterpriseInput, meta: { ip: string }) {
      const today = new Date(clock.now());
      let identity: { kind: 'id_number' | 'uscc'; number: string };
      let subject: Record<string, unknown>;
      if (input.kind === 'personal') {
        const name = cleanName(input.name);
        const id = personalIdentity(input, today);
        identity = { kind: 'id_number', number: id.number };
        subject = {
          name,
          idRegion: input.idRegion,
          idType: input.idType,
          documentType: id.documentType,
          idNumber: id.number,
        };
      } else {
        const uscc = parseUscc(input.uscc);
        if (!uscc.ok) throw appError('uscc_invalid', { reason: uscc.reason });
        const rep = parseIdNumber(input.legalRepresentative.idNumber, { today });
        if (!rep.ok)
          throw appError('id_number_invalid', { reason: rep.reason, field: 'legalRepresentative.idNumber' });
        identity = { kind: 'uscc', number: uscc.normalized };
        subject = {
          companyName: cleanName(input.companyName),
          uscc: uscc.normalized,
          legalRepresentative: { name: cleanName(input.legalRepresentative.name), idNumber: rep.normalized },
        };
      }
      if (input.documentValidUntil !== undefined) {
        const validity = checkDocumentValidity({ validUntil: input.documentValidUntil, today });
        if (!validity.ok)
          throw appError('document_expiring', {
            reason: validity.reason,
            validUntil: validity.validUntil,
            requiredUntil: validity.requiredUntil,
          });
      }
      const now = clock.now();
      const row: CaseRow = {
        id: newId('vcase'),
        merchant_id: merchantId,
        kind: input.kind,
        cross_border: input.crossBorder ? 1 : 0,
        status: 'draft',
        identity_kind: identity.kind,
        identity_bidx: crypto.blindIndex(`identity:${identity.kind}`, identity.number),
        holds_identity: 1,
        subject_enc: seal(subject),
        id_last4: identity.number.slice(-4),
        reasons: '[]',
        version: 1,
        submitted_at: null,
        sla_due_at: null,
        sla_target_at: null,
        escalation_eligible_at: null,
        claimed_by: null,
        claimed_at: null,
        decided_at: null,
        created_at: now,
        updated_at: now,
        document_valid_until: input.documentValidUntil
          ? isLongTerm(input.documentValidUntil)
            ? LONG_TERM
            : input.documentValidUntil.trim()
          : null,
        required_slots: JSON.stringify(
          requiredSlots({
            kind: input.kind,
            ...(input.kind === 'personal' ? { idType: input.idType } : {}),
            highRiskCategory: input.highRiskCategory,
            regulatedIndustry: input.regulatedIndustry,
          }),
        ),
        priority: 0,
        expedited_at: null,
        sla_breached_at: null,
        escalated_at: null,
        escalated_by: null,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.insert(row, trx);
          await store.addEvent(
            {
              id: newId('vev'),
              case_id: row.id,
              from_status: null,
              to_status: 'draft',
              event: 'create',
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
              action: 'verification.created',
              actorType: 'merchant',
              actorId: merchantId,
              targetType: 'verification',
              targetId: row.id,
              ip: meta.ip,
              data: { kind: row.kind },
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, 'verification_cases_identity_bidx_key'))
          throw appError('identity_already_bound');
        if (isUniqueViolation(err, 'verification_cases_merchant_id_key'))
          throw appError('verification_in_progress');
        throw err;
      }
      return row;
    },

    /** The sealed subject (names, numbers), for the checks and the reviewer. */
    subject(row: CaseRow): Record<string, unknown> {
      return JSON.parse(crypto.decrypt(row.subject_enc, 'verification_cases.subject'));
    },

    list: (merchantId: string) => store.listForMerchant(merchantId, db),

    async get(merchantId: string, id: string) {
      const row = await store.byIdForMerchant(id, merchantId, db);
      if (!row) throw appError('not_found');
      return row;
    },

    /** Applies one state-machine event; refuses moves the table does not allow or that lost a race. */
    async apply(
      row: CaseRow,
      event: CaseEvent,
      actor: { type: 'merchant' | 'operator' | 'system'; id: string | null },
      extra: {
        reasons?: string[];
        internalNote?: string;
        set?: Partial<CaseRow>;
        inTrx?: (trx: Executor) => Promise<void>;
      } = {},
    ): Promise<CaseStatus> {
      const to = nextStatus(row.status, event);
      if (!to) throw appError('verification_state_conflict', { status: row.status, event });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const moved = await store.move(
          row.id,
          row.status,
          {
            status: to,
            holds_identity: holdsIdentity(to) ? 1 : 0,
            updated_at: now,
            ...(extra.reasons ? { reasons: JSON.stringify(extra.reasons) } : {}),
            ...(event === 'submit' || event === 'resubmit' ? { submitted_at: now } : {}),
            ...(to === 'approved' || to.startsWith('rejected') ? { decided_at: now } : {}),
            ...extra.set,
          },
          trx,
        );
        if (Number(moved.numUpdatedRows) !== 1)
          throw appError('verification_state_conflict', { status: row.status, event });
        await store.addEvent(
          {
            id: newId('vev'),
            case_id: row.id,
            from_status: row.status,
            to_status: to,
            event,
            actor_type: actor.type,
            actor_id: actor.id,
            reasons: JSON.stringify(extra.reasons ?? []),
            internal_note_enc: extra.internalNote
              ? crypto.encrypt(extra.internalNote, 'verification_events.note')
              : null,
            at: now,
          },
          trx,
        );
        await audit.record(
          {
            action: `verification.${event}`,
            actorType: actor.type,
            actorId: actor.id,
            targetType: 'verification',
            targetId: row.id,
            data: { from: row.status, to, reasons: extra.reasons },
          },
          trx,
        );
        if (extra.inTrx) await extra.inTrx(trx);
        const type = DECISION_EVENTS[to];
        if (type && emit) {
          const data = { verificationId: row.id, merchantId: row.merchant_id, status: to };
          await emit(type, { ...data, reasons: extra.reasons ?? [] }, trx);
        }
      });
      if (onClosed && !stillOpen(to)) {
        await onClosed(row.id).catch((err: unknown) =>
          ctx.log.warn({ err, caseId: row.id }, 'liveness frame purge failed; the retention job will retry'),
        );
      }
      return to;
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
