import type { Restriction, RestrictionEffect, RestrictionReason } from './reasons.js';
import type { ReverificationRow } from './reverification.store.js';

/**
 * The restriction a merchant's unresolved re-verifications impose (LIV-3). Only unresolved rows
 * count: a pass resolves every open obligation of the merchant (it "supersedes" them).
 * - `reverification_failed`: the row failed, or failed before and is being retried (starting a
 *   new session does not lift the restriction; only a pass does);
 * - `reverification_overdue`: the row is overdue, or its due time has passed even if the
 *   scheduler has not marked it yet, or a session was started after it fell due.
 */
export function restrictionOf(
  rows: Pick<ReverificationRow, 'status' | 'due_at' | 'last_failed_at'>[],
  now: number,
  effects: readonly RestrictionEffect[],
): Restriction {
  const reasons = new Set<RestrictionReason>();
  for (const r of rows) {
    if (r.status === 'passed') continue;
    if (r.status === 'failed' || r.last_failed_at !== null) reasons.add('reverification_failed');
    if (r.status === 'overdue' || (r.status !== 'failed' && Number(r.due_at) <= now)) {
      reasons.add('reverification_overdue');
    }
  }
  const list = [...reasons].sort();
  const restricted = list.length > 0;
  return { restricted, effects: restricted ? [...effects] : [], reasons: list };
}
