import { createHash, randomInt } from 'node:crypto';
import type { Action, FaceEngine } from '../../adapters/face/face.js';
import { FaceEngineError, randomActions } from '../../adapters/face/face.js';
import type { Context } from '../../context.js';
import { DAY, MINUTE } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import { checkImage, rulesFor, type UploadsService } from '../uploads/index.js';
import { evaluateLocal, evaluateSandbox, type Verdict } from './liveness.evaluate.js';
import { createFrameKeeper } from './liveness.frames.js';
import { createSessionLifecycle, type LivenessHooks } from './liveness.lifecycle.js';
import {
  type AttemptRow,
  type LivenessStore,
  type SessionRow,
  type Subject,
  TEMPLATE_FIELD,
} from './liveness.store.js';
import { guidance, hint } from './liveness.text.js';

/**
 * Liveness sessions (LIV-1, LIV-2, LIV-4): start a session with random actions, take attempts of
 * 2–12 frames, judge them with the configured engine, decide the session. See docs/liveness.md.
 */

/** LIV-1: "7 retries" — the first attempt plus 7 retries. */
export const MAX_ATTEMPTS = 8;
/** LIV-2: a re-verification challenge must be completed within 5 minutes of its start. */
export const REVERIFICATION_WINDOW_MS = 5 * MINUTE;
export const MIN_FRAMES = 2;
export const MAX_FRAMES = 12;
/** New sessions per merchant per day: every session brings 8 more tries at the face compare. */
export const SESSIONS_PER_DAY = 20;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const templateBytes = (d: Float32Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);

export type SessionView = {
  id: string;
  purpose: 'verification' | 'reverification';
  actions: Action[];
  status: SessionRow['status'];
  attemptsUsed: number;
  attemptsLeft: number;
  expiresAt: string;
  guidance: string;
  failureReason: string | null;
};

export type AttemptView = { number: number; passed: boolean; reason: string | null; message: string | null };

export type LivenessDeps = {
  store: LivenessStore;
  uploads: UploadsService;
  /** The local face engine; given → attempts are judged locally, else by config (sandbox). */
  engine?: FaceEngine | undefined;
  hooks: LivenessHooks;
};

export function createLivenessService(ctx: Context, deps: LivenessDeps) {
  const { db, clock, audit, config, rateLimits } = ctx;
  const { store, hooks } = deps;
  const frames = createFrameKeeper(ctx, deps);
  const life = createSessionLifecycle(ctx, { store, hooks });
  const engine = deps.engine;
  const engineKind: SessionRow['engine'] = engine ? 'local' : config.liveness.engine;
  if (engineKind === 'local' && !engine) throw new Error('the local liveness engine needs a FaceEngine');

  function view(row: SessionRow, lang: Lang): SessionView {
    const open = row.status === 'open';
    return {
      id: row.id,
      purpose: row.purpose,
      actions: JSON.parse(row.actions) as Action[],
      status: row.status,
      attemptsUsed: row.attempts_used,
      attemptsLeft: open ? Math.max(0, row.max_attempts - row.attempts_used) : 0,
      expiresAt: new Date(row.expires_at).toISOString(),
      guidance: guidance(lang),
      failureReason: row.failure_reason,
    };
  }

  const subjectOf = (row: SessionRow): Subject =>
    row.verification_id
      ? { verificationId: row.verification_id }
      : { reverificationId: row.reverification_id! };

  async function judge(row: SessionRow, attempt: number, input: { frames: Buffer[]; timestamps?: number[] }) {
    const subject = subjectOf(row);
    const common = {
      ...input,
      actions: JSON.parse(row.actions) as Action[],
      attempt,
      portrait: () => hooks.portraitFor(subject, row.merchant_id),
      identity: () => hooks.identityFor(subject, row.merchant_id),
    };
    return engineKind === 'local' && engine ? evaluateLocal(engine, common) : evaluateSandbox(common);
  }

  /** Records a pass: frames kept sealed, template sealed, session decided; false when lost a race. */
  async function settlePassed(row: SessionRow, attemptRow: AttemptRow, verdict: Verdict, input: Buffer[]) {
    const uploadIds = await frames.keep(row.merchant_id, row.id, input);
    const template = verdict.descriptor
      ? ctx.crypto.encrypt(templateBytes(verdict.descriptor).toString('base64'), TEMPLATE_FIELD)
      : null;
    const decide = () =>
      db.transaction().execute(async (trx) => {
        await store.insertAttempt(attemptRow, trx);
        const ok = await store.markPassed(
          row.id,
          {
            similarity: verdict.similarity,
            template_enc: template,
            frame_digests: attemptRow.frame_digests,
            frame_upload_ids: JSON.stringify(uploadIds),
          },
          clock.now(),
          trx,
        );
        if (ok) await frames.schedulePurge(row.id, trx);
        return ok;
      });
    const won = await decide().catch(async (err: unknown) => {
      await frames.discard(row.merchant_id, row.id, uploadIds).catch(() => {});
      throw err;
    });
    if (!won) await frames.discard(row.merchant_id, row.id, uploadIds);
    return won;
  }

  /** Refuses at once (before the frames are read) a session that takes no more attempts. */
  async function admit(merchantId: string, id: string): Promise<SessionRow> {
    const row = await store.byIdForMerchant(id, merchantId, db);
    if (!row) throw appError('not_found');
    const fresh = await life.expireIfDue(row);
    life.refuseClosed(fresh);
    return fresh;
  }

  return {
    view,
    engineKind,
    admit,
    purgeFrames: frames.purgeSubject,

    async start(merchantId: string, subject: Subject, meta: { ip?: string } = {}): Promise<SessionRow> {
      if (!subject.verificationId === !subject.reverificationId) throw appError('liveness_subject_invalid');
      const clean: Subject = subject.verificationId
        ? { verificationId: subject.verificationId }
        : { reverificationId: subject.reverificationId };
      if (!(await hooks.identityFor(clean, merchantId))) throw appError('not_found');
      const hit = await rateLimits.hit('liveness_sessions', merchantId, SESSIONS_PER_DAY, DAY);
      if (!hit.allowed) {
        const retry = { retryAfterSeconds: hit.retryAfterSeconds };
        throw appError('rate_limited', retry, { 'retry-after': String(hit.retryAfterSeconds) });
      }
      const now = clock.now();
      const purpose = clean.verificationId ? 'verification' : 'reverification';
      const row: SessionRow = {
        id: newId('liv'),
        merchant_id: merchantId,
        purpose,
        verification_id: clean.verificationId ?? null,
        reverification_id: clean.reverificationId ?? null,
        actions: JSON.stringify(randomActions(2 + randomInt(3))),
        engine: engineKind,
        status: 'open',
        attempts_used: 0,
        attempts_done: 0,
        max_attempts: MAX_ATTEMPTS,
        expires_at:
          now +
          (purpose === 'reverification' ? REVERIFICATION_WINDOW_MS : config.liveness.verificationWindowMs),
        failure_reason: null,
        similarity: null,
        template_enc: null,
        frame_digests: null,
        frame_upload_ids: null,
        frames_purged_at: null,
        decided_at: null,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await store.insert(row, trx);
        await life.scheduleExpiry(row, trx);
        await audit.record(
          {
            action: 'liveness.session_started',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'liveness_session',
            targetId: row.id,
            ip: meta.ip ?? null,
            data: { purpose, ...clean, actions: JSON.parse(row.actions), engine: engineKind },
          },
          trx,
        );
      });
      await hooks.onStarted?.({
        id: row.id,
        merchantId,
        verificationId: row.verification_id,
        reverificationId: row.reverification_id,
      });
      return row;
    },

    /** The merchant's session (expired on read when its deadline has passed); others: not_found. */
    async get(merchantId: string, id: string): Promise<SessionRow> {
      const row = await store.byIdForMerchant(id, merchantId, db);
      if (!row) throw appError('not_found');
      return life.expireIfDue(row);
    },

    async attempt(
      merchantId: string,
      id: string,
      input: { frames: Buffer[]; timestamps?: number[] },
      meta: { ip?: string; lang?: Lang } = {},
    ): Promise<{ attempt: AttemptView; session: SessionRow }> {
      const row = await admit(merchantId, id);
      const n = input.frames.length;
      if (n < MIN_FRAMES || n > MAX_FRAMES || (input.timestamps && input.timestamps.length !== n)) {
        throw appError('liveness_frames_invalid', { minFrames: MIN_FRAMES, maxFrames: MAX_FRAMES });
      }
      const rules = rulesFor('liveness_frame');
      for (const [i, frame] of input.frames.entries()) {
        const check = await checkImage(frame, rules);
        if (!check.ok) throw appError(check.refusal ?? 'image_undecodable', { ...check.details, frame: i });
      }
      const seq = await store.claimAttempt(id, merchantId, clock.now(), db);
      if (seq === undefined) {
        life.refuseClosed(await life.expireIfDue((await store.byIdForMerchant(id, merchantId, db))!));
        throw appError('liveness_attempts_exhausted');
      }
      // Nothing of this attempt is recorded until it is settled: on any failure before that, the
      // slot is given back (an engine outage or a storage error is not the merchant's attempt).
      let verdict: Verdict;
      let attemptRow: AttemptRow;
      let decided: string | undefined;
      try {
        verdict = await judge(row, seq, input);
        attemptRow = {
          id: newId('lva'),
          session_id: id,
          seq,
          passed: verdict.passed ? 1 : 0,
          reason: verdict.reason,
          frame_count: n,
          frame_digests: JSON.stringify(input.frames.map(sha256)),
          similarity: verdict.similarity,
          created_at: clock.now(),
        };
        decided = verdict.passed
          ? (await settlePassed(row, attemptRow, verdict, input.frames))
            ? 'passed'
            : undefined
          : await life.settleFailed(attemptRow, verdict.reason ?? 'liveness_failed');
      } catch (err) {
        await store.releaseAttempt(id, clock.now(), db);
        if (err instanceof FaceEngineError && err.code === 'engine_unavailable') {
          throw appError('service_unavailable');
        }
        if (err instanceof FaceEngineError) throw appError('image_undecodable');
        throw err;
      }
      await life.recordAttempt(row, attemptRow, { ip: meta.ip, engine: engineKind });
      const fresh = (await store.byIdForMerchant(id, merchantId, db))!;
      if (decided === 'passed' || decided === 'failed') await life.finished(fresh);
      return {
        attempt: {
          number: seq,
          passed: verdict.passed,
          reason: verdict.reason,
          message: hint(verdict.reason, meta.lang ?? 'zh-CN'),
        },
        session: fresh,
      };
    },

    /** The latest passed session of a verification case (for the case's checks). */
    async passedFor(
      verificationId: string,
    ): Promise<{ sessionId: string; similarity: number | null } | null> {
      const r = await store.latestPassed(verificationId, db);
      return r ? { sessionId: r.id, similarity: r.similarity } : null;
    },
  };
}

export type LivenessService = ReturnType<typeof createLivenessService>;
