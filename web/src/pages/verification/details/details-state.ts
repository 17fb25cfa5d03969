import { isApiError } from '../../../api/client';
import type { EnterpriseInput, IdRegion, IdType, PersonalInput } from '../../../api/verification';

/** What the details form holds, for both kinds. */
export type Details = {
  name: string;
  idRegion: IdRegion;
  idType: IdType;
  idNumber: string;
  validUntil: string;
  companyName: string;
  uscc: string;
  repName: string;
  repIdNumber: string;
  highRiskCategory: boolean;
  regulatedIndustry: boolean;
};

export type DetailsField = 'name' | 'idNumber' | 'validUntil' | 'companyName' | 'uscc' | 'repIdNumber';

export const emptyDetails: Details = {
  name: '',
  idRegion: 'mainland',
  idType: 'resident_id',
  idNumber: '',
  validUntil: '',
  companyName: '',
  uscc: '',
  repName: '',
  repIdNumber: '',
  highRiskCategory: false,
  regulatedIndustry: false,
};

export function personalInput(d: Details, crossBorder: boolean): PersonalInput {
  return {
    kind: 'personal',
    name: d.name.trim(),
    idRegion: d.idRegion,
    idType: d.idType,
    idNumber: d.idNumber.trim(),
    documentValidUntil: d.validUntil || undefined,
    crossBorder,
    highRiskCategory: d.highRiskCategory,
  };
}

export function enterpriseInput(d: Details, crossBorder: boolean): EnterpriseInput {
  return {
    kind: 'enterprise',
    companyName: d.companyName.trim(),
    uscc: d.uscc.trim(),
    legalRepresentative: { name: d.repName.trim(), idNumber: d.repIdNumber.trim() },
    documentValidUntil: d.validUntil || undefined,
    crossBorder,
    highRiskCategory: d.highRiskCategory,
    regulatedIndustry: d.regulatedIndustry,
  };
}

/** The field a server refusal belongs to, so its message shows under that field. */
export function fieldOfError(e: unknown, kind: 'personal' | 'enterprise'): DetailsField | null {
  if (isApiError(e, 'id_number_invalid'))
    return kind === 'enterprise' || e.problem.field === 'legalRepresentative.idNumber'
      ? 'repIdNumber'
      : 'idNumber';
  if (isApiError(e, 'uscc_invalid')) return 'uscc';
  if (isApiError(e, 'document_expiring')) return 'validUntil';
  return null;
}
