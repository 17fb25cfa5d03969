import type { UploadPurpose } from '../uploads/index.js';

/**
 * The documents a case needs (KYC-1, KYC-2, KYC-4). A slot is a place in the case; each slot takes
 * an upload of one purpose (the purpose's format, size, resolution and blur rules apply).
 *
 * - Personal: the ID's portrait side and emblem side; a passport has one photo page.
 * - Enterprise: the business licence (colour scan with the seal) and the legal representative's ID.
 * - A high-risk category adds the photo of the operator holding the ID (KYC-4); a regulated
 *   industry (medical devices, publications…) adds its industry licence (KYC-2).
 */
export const SLOT_PURPOSE = {
  id_front: 'id_front',
  id_back: 'id_back',
  id_holding: 'id_holding',
  business_licence: 'business_licence',
  industry_licence: 'industry_licence',
  legal_rep_id_front: 'id_front',
  legal_rep_id_back: 'id_back',
} as const satisfies Record<string, UploadPurpose>;

export type Slot = keyof typeof SLOT_PURPOSE;
export const SLOTS = Object.keys(SLOT_PURPOSE) as Slot[];

/** Documents with one photo page and no back side. */
const SINGLE_PAGE_TYPES = new Set(['passport']);

export function requiredSlots(input: {
  kind: 'personal' | 'enterprise';
  idType?: string;
  highRiskCategory?: boolean | undefined;
  regulatedIndustry?: boolean | undefined;
}): Slot[] {
  const slots: Slot[] =
    input.kind === 'personal'
      ? SINGLE_PAGE_TYPES.has(input.idType ?? '')
        ? ['id_front']
        : ['id_front', 'id_back']
      : ['business_licence', 'legal_rep_id_front', 'legal_rep_id_back'];
  if (input.highRiskCategory) slots.push('id_holding');
  if (input.kind === 'enterprise' && input.regulatedIndustry) slots.push('industry_licence');
  return slots;
}

/** The slot whose photo carries the holder's name, number and portrait (OCR, face compare). */
export function portraitSlot(kind: 'personal' | 'enterprise'): Slot {
  return kind === 'personal' ? 'id_front' : 'legal_rep_id_front';
}

/** Statuses in which the merchant may still change the case's documents. */
export const EDITABLE_STATUSES = new Set(['draft', 'rejected_retry', 'more_info_requested']);
