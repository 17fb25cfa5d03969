import { appError } from '../../kernel/errors.js';
import {
  isValidAmountFen,
  MAX_DEPOSIT_FEN,
  type Requirements,
  requirementsProblem,
} from './categories.schema.js';
import type { QualificationCode } from './qualifications.js';

/**
 * Requirements as an operator edits them: any subset of the fields, merged over the current ones.
 * The deposit amount arrives unchecked (`unknown`) so that a wrong amount is `amount_invalid`
 * rather than a generic validation failure.
 */
export type RequirementsInput = {
  qualifications?: QualificationCode[] | undefined;
  deposit?: { amountFen?: unknown } | undefined;
  manualReview?: boolean | undefined;
  highRisk?: boolean | undefined;
  regulatedIndustry?: boolean | undefined;
};

export const NO_REQUIREMENTS: Requirements = {
  qualifications: [],
  deposit: { amountFen: 0 },
  manualReview: false,
  highRisk: false,
  regulatedIndustry: false,
};

/** Throws `amount_invalid` unless v is a non-negative safe integer of fen within the cap. */
export function checkAmountFen(v: unknown): number {
  if (!isValidAmountFen(v)) throw appError('amount_invalid', { maxFen: MAX_DEPOSIT_FEN });
  return v;
}

/** The requirements after an edit; validates before anything is written. */
export function mergeRequirements(current: Requirements | null, input: RequirementsInput): Requirements {
  const base = current ?? NO_REQUIREMENTS;
  const amountFen =
    input.deposit === undefined ? base.deposit.amountFen : checkAmountFen(input.deposit.amountFen);
  const qualifications = input.qualifications ?? base.qualifications;
  // Adding qualifications without a word on manual review turns it on (SHOP-3).
  const manualReview = input.manualReview ?? (input.qualifications?.length ? true : base.manualReview);
  const next: Requirements = {
    qualifications,
    deposit: { amountFen },
    manualReview,
    highRisk: input.highRisk ?? base.highRisk,
    regulatedIndustry: input.regulatedIndustry ?? base.regulatedIndustry,
  };
  const problem = requirementsProblem(next);
  if (problem)
    throw appError('category_requirements_invalid', {
      reason: {
        zh: '需要资质的类目必须人工审核（manualReview 须为 true）',
        en: problem,
      },
    });
  return next;
}
