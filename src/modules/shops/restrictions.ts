import type { ShopRow } from './shops.store.js';
import type { ShopStatus } from './state-machine.js';

/**
 * What a shop's restriction or suspension blocks (LIV-3, violations; docs/shops.md "What a
 * restriction blocks"). This file is the one place for the rule; products (listings) and payouts
 * (withdrawals) ask it through `shops.gate.assert`, which also asks re-verification.
 *
 * A restricted shop carries one or more holds, each from one source:
 * - `operator`: a reviewer restricted it for a violation (reason code, message for the merchant,
 *   chosen effects, by whom, since when);
 * - `reverification`: an overdue or failed real-person re-verification (LIV-3), kept in step with
 *   the re-verification module by `syncReverification`.
 * The shop is `restricted` while any hold remains; lifting removes one source's hold, and the shop
 * goes back to `active` only when none is left. A suspension blocks every effect; it keeps the holds
 * underneath, so reinstating a shop whose restriction still holds returns it to `restricted`.
 */
export const SHOP_EFFECTS = ['no_new_listings', 'withdrawals_frozen'] as const;
export type ShopEffect = (typeof SHOP_EFFECTS)[number];

export const OPERATOR_REASONS = [
  'violation',
  'counterfeit',
  'fraud_risk',
  'complaint',
  'qualification_expired',
  'other',
] as const;
export type OperatorReason = (typeof OPERATOR_REASONS)[number];

export type ShopHold =
  | {
      source: 'operator';
      reason: OperatorReason;
      message: string | null;
      effects: ShopEffect[];
      by: string;
      since: number;
    }
  | {
      source: 'reverification';
      reasons: string[];
      effects: ShopEffect[];
      since: number;
    };

export type Suspension = { reason: OperatorReason; message: string | null; by: string; since: number };

/** The JSON kept in `shops.restriction`. */
export type RestrictionRecord = { holds: ShopHold[]; suspension: Suspension | null };

const EMPTY: RestrictionRecord = { holds: [], suspension: null };

/** Reads the column; anything older or unknown counts as no holds. */
export function readRestriction(row: Pick<ShopRow, 'restriction'>): RestrictionRecord {
  if (!row.restriction) return EMPTY;
  try {
    const v = JSON.parse(row.restriction) as Partial<RestrictionRecord>;
    return { holds: Array.isArray(v.holds) ? v.holds : [], suspension: v.suspension ?? null };
  } catch {
    return EMPTY;
  }
}

/** The record with `source`'s hold replaced by `hold` (or removed when null). */
export function withHold(
  rec: RestrictionRecord,
  source: ShopHold['source'],
  hold: ShopHold | null,
): RestrictionRecord {
  const holds = rec.holds.filter((h) => h.source !== source);
  return { ...rec, holds: hold ? [...holds, hold] : holds };
}

const union = (holds: ShopHold[]): ShopEffect[] =>
  SHOP_EFFECTS.filter((e) => holds.some((h) => h.effects.includes(e)));

/** The reason codes of the holds (`operator:<reason>` is shown as the reason itself). */
export const reasonsOf = (rec: RestrictionRecord): string[] => [
  ...new Set(rec.holds.flatMap((h) => (h.source === 'operator' ? [h.reason] : h.reasons))),
];

/**
 * What the shop's status and holds block right now, and why. `closing`/`closed` shops list nothing
 * new (their payouts stay open, so the merchant can take out what is left).
 */
export function shopBlocks(row: Pick<ShopRow, 'status' | 'restriction'>): {
  effects: ShopEffect[];
  reasons: string[];
  cause: 'suspended' | 'restricted' | 'closing' | null;
} {
  const rec = readRestriction(row);
  const status: ShopStatus = row.status;
  if (status === 'suspended')
    return {
      effects: [...SHOP_EFFECTS],
      reasons: rec.suspension ? [rec.suspension.reason] : [],
      cause: 'suspended',
    };
  if (status === 'restricted')
    return { effects: union(rec.holds), reasons: reasonsOf(rec), cause: 'restricted' };
  if (status === 'closing' || status === 'closed')
    return { effects: ['no_new_listings'], reasons: [], cause: 'closing' };
  return { effects: [], reasons: [], cause: null };
}

/** The restriction as the API shows it (to the merchant: no operator ids). */
export function restrictionView(row: Pick<ShopRow, 'status' | 'restriction'>, forOperator = false) {
  const rec = readRestriction(row);
  if (rec.holds.length === 0 && !rec.suspension) return null;
  const iso = (ms: number) => new Date(Number(ms)).toISOString();
  return {
    effects: union(rec.holds),
    reasons: reasonsOf(rec),
    holds: rec.holds.map((h) =>
      h.source === 'operator'
        ? {
            source: h.source,
            reasons: [h.reason],
            message: h.message,
            effects: h.effects,
            since: iso(h.since),
            ...(forOperator ? { by: h.by } : {}),
          }
        : { source: h.source, reasons: h.reasons, message: null, effects: h.effects, since: iso(h.since) },
    ),
    suspension: rec.suspension
      ? {
          reason: rec.suspension.reason,
          message: rec.suspension.message,
          since: iso(rec.suspension.since),
          ...(forOperator ? { by: rec.suspension.by } : {}),
        }
      : null,
  };
}
