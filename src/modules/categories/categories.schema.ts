import { z } from 'zod';
import { QUALIFICATION_CODES, type QualificationCode } from './qualifications.js';

/**
 * The category tree's shapes (SHOP-2/3, DEP-1, KYC-2/4): the domain types, the tree file format
 * (default data and `kaidian categories import`), and the rules both share.
 */

/** Largest deposit a category may ask: ¥100,000,000 in fen. Far below 2^53, so sums stay exact. */
export const MAX_DEPOSIT_FEN = 10_000_000_000;
export const TREE_FORMAT = 'kaidian.categories/1';

export type Requirements = {
  /** Licences the merchant must upload before listing products in the category (SHOP-3). */
  qualifications: QualificationCode[];
  /** Deposit (保证金) in integer fen (DEP-1); 0 = none. */
  deposit: { amountFen: number };
  /** Opening a shop here goes to manual review (always so when qualifications are required). */
  manualReview: boolean;
  /** KYC-4: a photo of the operator holding the ID card is required. */
  highRisk: boolean;
  /** KYC-2: an enterprise needs its industry licence (medical devices, publications, food…). */
  regulatedIndustry: boolean;
};

export type CategoryStatus = 'active' | 'disabled';

export type CategoryNode = {
  id: string;
  level: 1 | 2;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  position: number;
  status: CategoryStatus;
  /** Level-2 only; null on level-1 nodes. */
  requirements: Requirements | null;
  version: number;
  createdAt: number;
  updatedAt: number;
};

export const categoryIdSchema = z
  .string()
  .max(64)
  .regex(/^cat_[a-z0-9]+(?:_[a-z0-9]+)*$/, 'ids look like cat_digital or cat_digital_laptops');
export const nameZhSchema = z.string().trim().min(1).max(32);
export const nameEnSchema = z.string().trim().min(1).max(80);
export const statusSchema = z.enum(['active', 'disabled']);
export const qualificationsSchema = z
  .array(z.enum(QUALIFICATION_CODES))
  .max(10)
  .refine((a) => new Set(a).size === a.length, 'qualifications must not repeat');

/** True when v is a deposit amount we accept: a safe, non-negative integer of fen up to the cap. */
export function isValidAmountFen(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_DEPOSIT_FEN;
}

const amountFenSchema = z
  .number()
  .refine(isValidAmountFen, `a non-negative integer of fen, at most ${MAX_DEPOSIT_FEN}`);

/** SHOP-3: a category that requires qualifications sends its shops to manual review. */
export function requirementsProblem(r: Requirements): string | null {
  if (r.qualifications.length > 0 && !r.manualReview)
    return 'a category that requires qualifications needs manual review (manualReview: true)';
  return null;
}

export const fileRequirementsSchema = z
  .object({
    qualifications: qualificationsSchema,
    deposit: z.object({ amountFen: amountFenSchema }).strict(),
    manualReview: z.boolean(),
    highRisk: z.boolean().default(false),
    regulatedIndustry: z.boolean().default(false),
  })
  .strict()
  .superRefine((r, c) => {
    const problem = requirementsProblem(r);
    if (problem) c.addIssue({ code: 'custom', message: problem, path: ['manualReview'] });
  });

const fileChild = z
  .object({
    id: categoryIdSchema,
    nameZh: nameZhSchema,
    nameEn: nameEnSchema,
    status: statusSchema.default('active'),
    requirements: fileRequirementsSchema,
  })
  .strict();

const fileParent = z
  .object({
    id: categoryIdSchema,
    nameZh: nameZhSchema,
    nameEn: nameEnSchema,
    status: statusSchema.default('active'),
    children: z.array(fileChild).max(500),
  })
  .strict();

/** A whole tree: the default data file and what `kaidian categories import` reads. */
export const treeFileSchema = z
  .object({ format: z.literal(TREE_FORMAT), categories: z.array(fileParent).max(200) })
  .strict()
  .superRefine((file, c) => {
    const seen = new Set<string>();
    const sibling = (names: string[], path: (string | number)[]) => {
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) c.addIssue({ code: 'custom', message: `name ${dup} appears twice among siblings`, path });
    };
    sibling(
      file.categories.map((p) => p.nameZh),
      ['categories'],
    );
    file.categories.forEach((p, i) => {
      sibling(
        p.children.map((ch) => ch.nameZh),
        ['categories', i, 'children'],
      );
      for (const [id, path] of [
        [p.id, ['categories', i, 'id']] as const,
        ...p.children.map((ch, j) => [ch.id, ['categories', i, 'children', j, 'id']] as const),
      ]) {
        if (seen.has(id)) c.addIssue({ code: 'custom', message: `id ${id} appears twice`, path: [...path] });
        seen.add(id);
      }
    });
  });

export type TreeFile = z.infer<typeof treeFileSchema>;
export type TreeFileInput = z.input<typeof treeFileSchema>;

/** "categories.3.children.2.requirements.deposit.amountFen: …" lines for a failed parse. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`);
}
