import { z } from 'zod';
import type { Lang } from '../../kernel/i18n.js';
import type { CategoryNode } from './categories.schema.js';
import { QUALIFICATION_CODES, QUALIFICATIONS } from './qualifications.js';

/**
 * How the tree is shown: the public SPEC §10 shape (`{id, name, children:[{id, name,
 * requirements}]}`, names in the request's language, plus both names) and the console's view with
 * versions and disabled nodes.
 */
const requirementFlags = {
  manualReview: z.boolean().describe('Opening a shop here goes to manual review (SHOP-3)'),
  highRisk: z.boolean().describe('KYC-4: a photo holding the ID card is required'),
  regulatedIndustry: z.boolean().describe('KYC-2: enterprises need their industry licence'),
};

export const publicRequirementsSchema = z.object({
  qualifications: z
    .array(z.object({ code: z.enum(QUALIFICATION_CODES), name: z.string() }))
    .describe('Licences to upload before products can be listed (SHOP-3)'),
  deposit: z
    .object({ amountFen: z.number().int(), currency: z.literal('CNY') })
    .describe('Deposit (保证金) in integer fen; 0 = none (DEP-1)'),
  ...requirementFlags,
});

export const publicCategorySchema = z.object({
  id: z.string(),
  name: z.string().describe('In the request language (Accept-Language; zh-CN by default)'),
  nameZh: z.string(),
  nameEn: z.string(),
  children: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      requirements: publicRequirementsSchema,
    }),
  ),
});

export type PublicCategory = z.infer<typeof publicCategorySchema>;

const byPosition = (a: CategoryNode, b: CategoryNode) => a.position - b.position || (a.id < b.id ? -1 : 1);

/** Active level-1 nodes with their active children; a level-1 node with none is left out. */
export function publicTree(nodes: CategoryNode[], lang: Lang): PublicCategory[] {
  const name = (n: CategoryNode) => (lang === 'en' ? n.nameEn : n.nameZh);
  const active = nodes.filter((n) => n.status === 'active').sort(byPosition);
  return active
    .filter((n) => n.level === 1)
    .map((p) => ({
      id: p.id,
      name: name(p),
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      children: active
        .filter((c) => c.level === 2 && c.parentId === p.id && c.requirements)
        .map((c) => {
          const r = c.requirements!;
          return {
            id: c.id,
            name: name(c),
            nameZh: c.nameZh,
            nameEn: c.nameEn,
            requirements: {
              qualifications: r.qualifications.map((code) => ({
                code,
                name: lang === 'en' ? QUALIFICATIONS[code].en : QUALIFICATIONS[code].zh,
              })),
              deposit: { amountFen: r.deposit.amountFen, currency: 'CNY' as const },
              manualReview: r.manualReview,
              highRisk: r.highRisk,
              regulatedIndustry: r.regulatedIndustry,
            },
          };
        }),
    }))
    .filter((p) => p.children.length > 0);
}

export const adminRequirementsSchema = z.object({
  qualifications: z.array(z.enum(QUALIFICATION_CODES)),
  deposit: z.object({ amountFen: z.number().int() }),
  ...requirementFlags,
});

export const adminNodeSchema = z.object({
  id: z.string(),
  level: z.union([z.literal(1), z.literal(2)]),
  parentId: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
  status: z.enum(['active', 'disabled']),
  requirements: adminRequirementsSchema.nullable().describe('Level-2 only'),
  version: z.number().int().describe('Send it back with PATCH (optimistic concurrency)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const adminTreeSchema = z.array(adminNodeSchema.extend({ children: z.array(adminNodeSchema) }));

export function adminNode(n: CategoryNode): z.infer<typeof adminNodeSchema> {
  return {
    id: n.id,
    level: n.level,
    parentId: n.parentId,
    nameZh: n.nameZh,
    nameEn: n.nameEn,
    position: n.position,
    status: n.status,
    requirements: n.requirements,
    version: n.version,
    createdAt: new Date(n.createdAt).toISOString(),
    updatedAt: new Date(n.updatedAt).toISOString(),
  };
}

/** Every node, disabled ones included, nested under its parent. */
export function adminTree(nodes: CategoryNode[]): z.infer<typeof adminTreeSchema> {
  const sorted = [...nodes].sort(byPosition);
  return sorted
    .filter((n) => n.level === 1)
    .map((p) => ({
      ...adminNode(p),
      children: sorted.filter((c) => c.parentId === p.id).map(adminNode),
    }));
}

export const qualificationCatalog = () =>
  QUALIFICATION_CODES.map((code) => ({
    code,
    nameZh: QUALIFICATIONS[code].zh,
    nameEn: QUALIFICATIONS[code].en,
  }));
