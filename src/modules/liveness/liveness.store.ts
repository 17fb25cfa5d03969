import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';

/**
 * SQL for liveness sessions (LIV-1/2/4). Reads on behalf of a merchant take the merchant id; the
 * attempt counter and every status change are single conditional UPDATEs, so concurrent requests
 * (on any number of nodes) can neither exceed the attempt limit nor decide a session twice.
 */
export type SessionStatus = 'open' | 'passed' | 'failed' | 'expired';

export type SessionRow = {
  id: string;
  merchant_id: string;
  purpose: 'verification' | 'reverification';
  verification_id: string | null;
  reverification_id: string | null;
  /** JSON array of Action. */
  actions: string;
  engine: 'sandbox' | 'local';
  status: SessionStatus;
  attempts_used: number;
  /** Attempts that finished without passing. */
  attempts_done: number;
  max_attempts: number;
  expires_at: number;
  failure_reason: string | null;
  similarity: number | null;
  template_enc: string | null;
  frame_digests: string | null;
  frame_upload_ids: string | null;
  frames_purged_at: number | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
};

export type AttemptRow = {
  id: string;
  session_id: string;
  seq: number;
  passed: number;
  reason: string | null;
  frame_count: number;
  frame_digests: string;
  similarity: number | null;
  created_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    liveness_sessions: SessionRow;
    liveness_attempts: AttemptRow;
  }
}

export const TEMPLATE_FIELD = 'liveness_sessions.template';
registerSealedColumn({ table: 'liveness_sessions', pk: 'id', column: 'template_enc', field: TEMPLATE_FIELD });
registerUniqueIndex('liveness_attempts_session_id_seq_key', 'liveness_attempts', ['session_id', 'seq']);

export type Subject = { verificationId?: string | undefined; reverificationId?: string | undefined };

const changed = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) === 1;

export function createLivenessStore() {
  return {
    insert: (row: SessionRow, ex: Executor) => ex.insertInto('liveness_sessions').values(row).execute(),

    byIdForMerchant: (id: string, merchantId: string, ex: Executor) =>
      ex
        .selectFrom('liveness_sessions')
        .selectAll()
        .where('id', '=', id)
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst(),

    /** Internal use only (jobs): any session by id. */
    byId: (id: string, ex: Executor) =>
      ex.selectFrom('liveness_sessions').selectAll().where('id', '=', id).executeTakeFirst(),

    /**
     * Takes one attempt slot: the attempt number (1-based), or undefined when the session is not
     * open, is used up, or has expired. One statement, so the limit holds under any concurrency.
     */
    async claimAttempt(id: string, merchantId: string, now: number, ex: Executor) {
      const r = await ex
        .updateTable('liveness_sessions')
        .set((eb) => ({ attempts_used: eb('attempts_used', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where('merchant_id', '=', merchantId)
        .where('status', '=', 'open')
        .where('expires_at', '>', now)
        .where((eb) => eb('attempts_used', '<', eb.ref('max_attempts')))
        .returning('attempts_used')
        .executeTakeFirst();
      return r ? Number(r.attempts_used) : undefined;
    },

    /** Gives a slot back when an attempt could not be evaluated at all (engine outage). */
    releaseAttempt: (id: string, now: number, ex: Executor) =>
      ex
        .updateTable('liveness_sessions')
        .set((eb) => ({ attempts_used: eb('attempts_used', '-', 1), updated_at: now }))
        .where('id', '=', id)
        .where('status', '=', 'open')
        .where('attempts_used', '>', 0)
        .execute(),

    insertAttempt: (row: AttemptRow, ex: Executor) =>
      ex.insertInto('liveness_attempts').values(row).execute(),

    /** open → passed; true when this call decided the session. */
    async markPassed(
      id: string,
      set: Pick<SessionRow, 'similarity' | 'template_enc' | 'frame_digests' | 'frame_upload_ids'>,
      now: number,
      ex: Executor,
    ): Promise<boolean> {
      const r = await ex
        .updateTable('liveness_sessions')
        .set({ ...set, status: 'passed', failure_reason: null, decided_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return changed(r);
    },

    /**
     * Counts a failed attempt; the session fails when every slot has been used and finished
     * without a pass. Returns the status after the change (undefined when the session was no
     * longer open, e.g. another attempt passed meanwhile).
     */
    async finishFailed(id: string, reason: string, now: number, ex: Executor) {
      const r = await ex
        .updateTable('liveness_sessions')
        .set({
          attempts_done: sql`attempts_done + 1`,
          failure_reason: reason,
          status: sql`case when attempts_done + 1 >= max_attempts then 'failed' else status end`,
          decided_at: sql`case when attempts_done + 1 >= max_attempts then ${now} else decided_at end`,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .returning('status')
        .executeTakeFirst();
      return r?.status as SessionStatus | undefined;
    },

    /**
     * open → expired once the deadline has passed and no attempt admitted before it is still being
     * judged (`attempts_used = attempts_done`), or at the latest `graceMs` after the deadline (an
     * attempt whose node died never finishes). True when this call did it.
     */
    async markExpired(id: string, now: number, graceMs: number, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('liveness_sessions')
        .set({ status: 'expired', failure_reason: 'expired', decided_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .where('expires_at', '<=', now)
        .where((eb) =>
          eb.or([eb('attempts_used', '=', eb.ref('attempts_done')), eb('expires_at', '<=', now - graceMs)]),
        )
        .executeTakeFirst();
      return changed(r);
    },

    /** The latest passed session of a verification case. */
    latestPassed: (verificationId: string, ex: Executor) =>
      ex
        .selectFrom('liveness_sessions')
        .select(['id', 'similarity'])
        .where('verification_id', '=', verificationId)
        .where('status', '=', 'passed')
        .orderBy('decided_at', 'desc')
        .limit(1)
        .executeTakeFirst(),

    /** Sessions of a subject that still hold frames in the uploads store. */
    withFrames: (subject: Subject, ex: Executor) => {
      let q = ex
        .selectFrom('liveness_sessions')
        .select(['id', 'merchant_id', 'frame_upload_ids'])
        .where('frame_upload_ids', 'is not', null);
      if (subject.verificationId) q = q.where('verification_id', '=', subject.verificationId);
      else if (subject.reverificationId) q = q.where('reverification_id', '=', subject.reverificationId);
      else return Promise.resolve([]);
      return q.execute();
    },

    /** Forgets the upload ids once the frames are gone; digests and decision stay. */
    async markFramesPurged(id: string, now: number, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('liveness_sessions')
        .set({ frame_upload_ids: null, frames_purged_at: now, updated_at: now })
        .where('id', '=', id)
        .where('frame_upload_ids', 'is not', null)
        .executeTakeFirst();
      return changed(r);
    },

    /**
     * Detaches a session's frames in the uploads table so the uploads service's own `remove`
     * (which refuses attached uploads) can delete row and file. Scoped to the owner and the session.
     */
    detachFrames: (uploadIds: string[], sessionId: string, merchantId: string, ex: Executor) =>
      uploadIds.length === 0
        ? Promise.resolve()
        : ex
            .updateTable('uploads')
            .set({ attached_to: null })
            .where('id', 'in', uploadIds)
            .where('owner_type', '=', 'merchant')
            .where('owner_id', '=', merchantId)
            .where('attached_to', '=', sessionId)
            .where('purpose', '=', 'liveness_frame')
            .execute(),
  };
}

export type LivenessStore = ReturnType<typeof createLivenessStore>;
