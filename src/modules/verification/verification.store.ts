import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';
import type { CaseStatus } from './state-machine.js';

/** SQL for verification cases. Every read by a merchant is scoped by the merchant id. */

export type CaseRow = {
  id: string;
  merchant_id: string;
  kind: 'personal' | 'enterprise';
  cross_border: number;
  status: CaseStatus;
  identity_kind: 'id_number' | 'uscc';
  identity_bidx: string;
  holds_identity: number;
  subject_enc: string;
  id_last4: string;
  reasons: string;
  version: number;
  submitted_at: number | null;
  sla_due_at: number | null;
  sla_target_at: number | null;
  escalation_eligible_at: number | null;
  claimed_by: string | null;
  claimed_at: number | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
  /** KYC-3: the ID document's (or licence's) end date, `YYYY-MM-DD` or `long_term`. */
  document_valid_until: string | null;
  /** JSON array of the document slots this case must fill (see documents.ts). */
  required_slots: string;
  /** 1 once the merchant asked for expedited review after 48 hours (KYC-8): first in the queue. */
  priority: number;
  expedited_at: number | null;
  sla_breached_at: number | null;
  escalated_at: number | null;
  escalated_by: string | null;
};

export type DocumentRow = {
  id: string;
  case_id: string;
  slot: string;
  upload_id: string;
  attached_at: number;
};

export type CaseEventRow = {
  id: string;
  case_id: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  event: string;
  actor_type: string;
  actor_id: string | null;
  reasons: string;
  internal_note_enc: string | null;
  at: number;
};

export type CheckRow = {
  id: string;
  case_id: string;
  check: string;
  status: 'green' | 'red' | 'unavailable';
  result: string;
  at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    verification_cases: CaseRow;
    verification_events: CaseEventRow;
    verification_checks: CheckRow;
    verification_documents: DocumentRow;
  }
}

registerUniqueIndex('verification_cases_identity_bidx_key', 'verification_cases', ['identity_bidx']);
registerUniqueIndex('verification_cases_merchant_id_key', 'verification_cases', ['merchant_id']);
registerSealedColumn({
  table: 'verification_cases',
  pk: 'id',
  column: 'subject_enc',
  field: 'verification_cases.subject',
});
registerSealedColumn({
  table: 'verification_events',
  pk: 'id',
  column: 'internal_note_enc',
  field: 'verification_events.note',
});

export function createVerificationStore() {
  return {
    insert: (row: CaseRow, ex: Executor) => ex.insertInto('verification_cases').values(row).execute(),
    addEvent: (row: CaseEventRow, ex: Executor) => ex.insertInto('verification_events').values(row).execute(),
    addCheck: (row: CheckRow, ex: Executor) => ex.insertInto('verification_checks').values(row).execute(),
    byId: (id: string, ex: Executor) =>
      ex.selectFrom('verification_cases').selectAll().where('id', '=', id).executeTakeFirst(),
    byIdForMerchant: (id: string, merchantId: string, ex: Executor) =>
      ex
        .selectFrom('verification_cases')
        .selectAll()
        .where('id', '=', id)
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst(),
    documents: (caseId: string, ex: Executor) =>
      ex
        .selectFrom('verification_documents')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('slot')
        .execute(),
    /** One upload per slot: a replacement overwrites the slot's row. */
    putDocument: (row: DocumentRow, ex: Executor) =>
      ex
        .insertInto('verification_documents')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['case_id', 'slot'])
            .doUpdateSet({ upload_id: row.upload_id, attached_at: row.attached_at }),
        )
        .execute(),
    listForMerchant: (merchantId: string, ex: Executor) =>
      ex
        .selectFrom('verification_cases')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute(),
    /** Moves a case only if it is still in `from` (optimistic: a concurrent change wins once). */
    move: (id: string, from: CaseStatus, set: Partial<CaseRow>, ex: Executor) =>
      ex
        .updateTable('verification_cases')
        .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst(),
  };
}
