import type { Context } from '../../context.js';
import { isAppError } from '../../kernel/errors.js';
import type { UploadsService } from '../uploads/index.js';
import type { LivenessStore, Subject } from './liveness.store.js';

/**
 * Raw frames (LIV-4): only the frames of the passing attempt are kept, sealed by the uploads
 * service (purpose `liveness_frame`, owned by the merchant, attached to the session) so a reviewer
 * can look at them; they are deleted at the case decision (`purgeSubject`) and at the latest after
 * the retention period by the `liveness.purge_frames` job. Afterwards the session keeps only the
 * frame digests, the sealed template and the decision.
 */
export const PURGE_FRAMES_JOB = 'liveness.purge_frames';

export function createFrameKeeper(ctx: Context, deps: { store: LivenessStore; uploads: UploadsService }) {
  const { db, clock, audit, jobs, config } = ctx;
  const { store, uploads } = deps;
  const owner = (merchantId: string) => ({ type: 'merchant' as const, id: merchantId });

  /** Deletes uploads by id (detached first); ones already gone are skipped. */
  async function discard(merchantId: string, sessionId: string, ids: string[]): Promise<number> {
    await store.detachFrames(ids, sessionId, merchantId, db);
    let n = 0;
    for (const id of ids) {
      try {
        await uploads.remove(owner(merchantId), id);
        n++;
      } catch (err) {
        if (!isAppError(err, 'not_found')) throw err;
      }
    }
    return n;
  }

  async function purgeSession(
    row: { id: string; merchant_id: string; frame_upload_ids: string | null },
    why: 'decision' | 'retention' | 'superseded',
  ): Promise<number> {
    if (!row.frame_upload_ids) return 0;
    const ids = JSON.parse(row.frame_upload_ids) as string[];
    const n = await discard(row.merchant_id, row.id, ids);
    if (await store.markFramesPurged(row.id, clock.now(), db)) {
      await audit.record({
        action: 'liveness.frames_purged',
        actorType: 'system',
        targetType: 'liveness_session',
        targetId: row.id,
        data: { frames: n, why },
      });
    }
    return n;
  }

  jobs.register(PURGE_FRAMES_JOB, async (payload) => {
    const { sessionId } = payload as { sessionId: string };
    const row = await store.byId(sessionId, db);
    if (row) await purgeSession(row, 'retention');
    // Safety net: any liveness frame past retention, whoever stored it.
    await uploads.purge({
      purposes: ['liveness_frame'],
      before: clock.now() - config.liveness.frameRetentionMs,
    });
  });

  return {
    /** Stores the frames sealed and attached to the session; all or nothing. */
    async keep(merchantId: string, sessionId: string, frames: Buffer[]): Promise<string[]> {
      const ids: string[] = [];
      try {
        for (const frame of frames) {
          const row = await uploads.create(owner(merchantId), 'liveness_frame', frame);
          ids.push(row.id);
          await uploads.attach(owner(merchantId), row.id, sessionId);
        }
      } catch (err) {
        await discard(merchantId, sessionId, ids).catch(() => {});
        throw err;
      }
      return ids;
    },

    discard,

    /** Schedules the retention purge of a session's frames (durable, deduplicated per session). */
    schedulePurge: (sessionId: string, trx: Parameters<typeof jobs.enqueue>[3]) =>
      jobs.enqueue(
        PURGE_FRAMES_JOB,
        { sessionId },
        {
          runAt: clock.now() + config.liveness.frameRetentionMs,
          dedupeKey: `${PURGE_FRAMES_JOB}:${sessionId}`,
        },
        trx,
      ),

    /** At the case decision: deletes every kept frame of the subject's sessions. */
    async purgeSubject(subject: Subject): Promise<number> {
      let n = 0;
      for (const row of await store.withFrames(subject, db)) n += await purgeSession(row, 'decision');
      return n;
    },
  };
}
