import type { DocumentSlot, UploadPurpose, Verification } from '../../../api/verification';

/** Upload purpose of each document slot: the legal representative's ID uses the ID purposes. */
export const PURPOSE_OF: Record<DocumentSlot, UploadPurpose> = {
  id_front: 'id_front',
  id_back: 'id_back',
  id_holding: 'id_holding',
  business_licence: 'business_licence',
  legal_rep_id_front: 'id_front',
  legal_rep_id_back: 'id_back',
  industry_licence: 'industry_licence',
};

const BASE: Record<Verification['kind'], DocumentSlot[]> = {
  personal: ['id_front', 'id_back'],
  enterprise: ['business_licence', 'legal_rep_id_front', 'legal_rep_id_back'],
};

/** The slots to show: the server's list, else the base slots of the kind. */
export function slotsOf(v: Verification): DocumentSlot[] {
  return v.requiredDocuments?.length ? v.requiredDocuments : BASE[v.kind];
}

export function missingOf(v: Verification): DocumentSlot[] {
  if (v.missingDocuments) return v.missingDocuments;
  const have = new Set((v.documents ?? []).map((d) => d.slot));
  return slotsOf(v).filter((s) => !have.has(s));
}
