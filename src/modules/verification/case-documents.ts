import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import type { UploadsService } from '../uploads/index.js';
import { EDITABLE_STATUSES, portraitSlot, SLOT_PURPOSE, type Slot } from './documents.js';
import type { VerificationService } from './verification.service.js';
import type { CaseRow, createVerificationStore } from './verification.store.js';

/** What the verification module needs from liveness sessions (src/modules/liveness). */
export type LivenessLookup = {
  passedFor(verificationId: string): Promise<{ sessionId: string; similarity: number | null } | null>;
};

/**
 * A case's documents (KYC-1..4) and its merchant-facing view. Uploads are checked when uploaded
 * (format, size, pixels, resolution, blur, EXIF); attaching one to a slot checks that it is the
 * merchant's, made for that kind of document, and that the case is still editable.
 */
export function createCaseDocuments(
  ctx: Context,
  store: ReturnType<typeof createVerificationStore>,
  cases: VerificationService,
  uploads: UploadsService,
  liveness: LivenessLookup | undefined,
) {
  const { db, clock, audit } = ctx;
  const owner = (row: CaseRow) => ({ type: 'merchant' as const, id: row.merchant_id });
  const required = (row: CaseRow) => JSON.parse(row.required_slots) as Slot[];
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

  async function missing(row: CaseRow): Promise<Slot[]> {
    const have = new Set((await store.documents(row.id, db)).map((d) => d.slot));
    return required(row).filter((s) => !have.has(s));
  }

  return {
    required,
    missing,

    async attach(merchantId: string, caseId: string, slot: Slot, uploadId: string) {
      const row = await cases.get(merchantId, caseId);
      if (!EDITABLE_STATUSES.has(row.status))
        throw appError('verification_state_conflict', { status: row.status, event: 'attach_document' });
      if (!required(row).includes(slot)) throw appError('document_slot_invalid', { required: required(row) });
      const upload = await uploads.rowForOwner(owner(row), uploadId);
      if (upload.purpose !== SLOT_PURPOSE[slot])
        throw appError('upload_purpose_mismatch', { expected: SLOT_PURPOSE[slot], actual: upload.purpose });
      await uploads.attach(owner(row), uploadId, caseId);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await store.putDocument(
          { id: newId('vdoc'), case_id: caseId, slot, upload_id: uploadId, attached_at: now },
          trx,
        );
        await audit.record(
          {
            action: 'verification.document_attached',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'verification',
            targetId: caseId,
            data: { slot, uploadId },
          },
          trx,
        );
      });
      return row;
    },

    /** The bytes of a slot's upload, for the automated checks; null when the slot is empty. */
    async bytes(row: CaseRow, slot: Slot): Promise<Buffer | null> {
      const doc = (await store.documents(row.id, db)).find((d) => d.slot === slot);
      if (!doc) return null;
      return (await uploads.readForOwner(owner(row), doc.upload_id)).bytes;
    },

    /** The ID portrait for face comparison (LIV-1): the portrait side of the holder's ID. */
    portrait(row: CaseRow): Promise<Buffer | null> {
      return this.bytes(row, portraitSlot(row.kind));
    },

    /** For the reviewer: each slot's upload with its size and quality findings (no bytes). */
    async forReviewer(row: CaseRow) {
      const docs = await store.documents(row.id, db);
      return Promise.all(
        docs.map(async (d) => {
          const u = await uploads.rowById(d.upload_id);
          return {
            slot: d.slot,
            uploadId: d.upload_id,
            mime: u?.mime ?? null,
            width: u ? Number(u.width) : null,
            height: u ? Number(u.height) : null,
            quality: u ? (JSON.parse(u.quality) as Record<string, unknown>) : null,
            attachedAt: iso(d.attached_at)!,
          };
        }),
      );
    },

    /** True when the upload is one of the case's documents (current or replaced). */
    async holds(row: CaseRow, uploadId: string): Promise<boolean> {
      const u = await uploads.rowById(uploadId);
      return u?.attached_to === row.id;
    },

    livenessRequired: (row: CaseRow) => row.kind === 'personal',

    async livenessOf(row: CaseRow) {
      return liveness ? liveness.passedFor(row.id) : null;
    },

    /** The merchant's view: status, reasons, documents, what is missing, liveness, SLA, expedite. */
    async describe(row: CaseRow, lang: Lang) {
      const docs = await store.documents(row.id, db);
      const have = new Set(docs.map((d) => d.slot));
      const passed = await this.livenessOf(row);
      return {
        ...cases.view(row, lang),
        crossBorder: row.cross_border === 1,
        documents: docs.map((d) => ({
          slot: d.slot,
          uploadId: d.upload_id,
          attachedAt: iso(d.attached_at)!,
        })),
        requiredDocuments: required(row),
        missingDocuments: required(row).filter((s) => !have.has(s)),
        documentValidUntil: row.document_valid_until,
        liveness: {
          required: this.livenessRequired(row),
          passed: passed !== null,
          sessionId: passed?.sessionId ?? null,
        },
        slaDueAt: iso(row.sla_due_at),
        expedite: { eligibleAt: iso(row.escalation_eligible_at), requestedAt: iso(row.expedited_at) },
      };
    },
  };
}

export type CaseDocuments = ReturnType<typeof createCaseDocuments>;
