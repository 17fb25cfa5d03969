import { z } from 'zod';

/**
 * The shop home page as data (SHOP-4, docs/decoration.md): a theme and an ordered list of modules.
 * Zod checks the shape (types, lengths, counts, colours, link syntax); the mobile and composition
 * rules that need context (text ≥ 14 px, images processed to 750 px, the first and the required
 * modules) are checked by rules.ts, so the answer can name every broken rule at once.
 */

export const MAX_MODULES = 20;
export const MIN_FONT_PX = 14;
export const DESIGN_WIDTH = 750;

/** `#rgb` or `#rrggbb` only: a colour can never carry CSS of its own. */
const colour = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a #rgb or #rrggbb colour');

/**
 * In-shop links only: a path starting with one `/`, from a small character set, no `..`, no
 * scheme, no backslash. The preview prefixes it with the shop's own path.
 */
export const linkField = z
  .string()
  .max(200)
  .regex(/^\/(?!\/)[A-Za-z0-9/_\-.~?=&%#]*$/, 'a relative in-shop path such as /products/123')
  .refine((s) => !s.includes('..'), 'no ".." in links');

const text = (max: number) => z.string().trim().min(1).max(max);
const imageId = z.string().regex(/^dimg_[0-9a-z]{20}$/, 'an image id from POST …/decoration/images');

export const textStyle = z.object({
  fontSize: z
    .number()
    .int()
    .min(1)
    .max(96)
    .describe(`Pixels at the 750 px design width; at least ${MIN_FONT_PX}`),
  color: colour.optional(),
  bold: z.boolean().optional(),
});

const base = { textStyle: textStyle.optional() };

export const heroBanner = z.object({
  type: z.literal('hero_banner'),
  imageId: imageId.optional(),
  title: text(30).optional(),
  subtitle: text(60).optional(),
  link: linkField.optional(),
  ...base,
});
export const promotion = z.object({
  type: z.literal('promotion'),
  title: text(30),
  body: text(200).optional(),
  badge: text(8).optional(),
  imageId: imageId.optional(),
  link: linkField.optional(),
  ...base,
});
export const categoryNav = z.object({
  type: z.literal('category_nav'),
  title: text(20).optional(),
  items: z
    .array(z.object({ label: text(10), link: linkField }))
    .min(1)
    .max(10),
  ...base,
});
export const customerService = z.object({
  type: z.literal('customer_service'),
  title: text(20),
  hours: text(40).optional().describe('e.g. 每天 9:00–21:00'),
  ...base,
});
export const returnPolicy = z.object({
  type: z.literal('return_policy'),
  title: text(20),
  days: z
    .union([z.literal(0), z.literal(7), z.literal(15), z.literal(30)])
    .describe('No-reason return days (0: none)'),
  body: text(500),
  ...base,
});
export const richText = z.object({
  type: z.literal('rich_text'),
  text: text(2000).describe('Plain text; line breaks are kept, nothing else is interpreted'),
  ...base,
});
export const productGrid = z.object({
  type: z.literal('product_grid'),
  title: text(20).optional(),
  productIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(20),
  columns: z.union([z.literal(2), z.literal(3)]),
  ...base,
});

export const moduleSchema = z.discriminatedUnion('type', [
  heroBanner,
  promotion,
  categoryNav,
  customerService,
  returnPolicy,
  richText,
  productGrid,
]);
export type DecorationModule = z.infer<typeof moduleSchema>;
export const MODULE_TYPES = [
  'hero_banner',
  'promotion',
  'category_nav',
  'customer_service',
  'return_policy',
  'rich_text',
  'product_grid',
] as const;

export const theme = z.object({ primary: colour, background: colour, text: colour });
export type Theme = z.infer<typeof theme>;

export const layout = z.object({
  theme,
  modules: z.array(moduleSchema).min(1).max(MAX_MODULES),
});
export type Layout = z.infer<typeof layout>;

export const templateSchema = z.object({
  id: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  priceFen: z.number().int().min(0),
  theme,
  modules: z.array(moduleSchema),
});
export type Template = z.infer<typeof templateSchema>;

export const decorationView = z.object({
  shopId: z.string(),
  templateId: z.string(),
  draft: layout.extend({ version: z.number().int(), updatedAt: z.string() }),
  published: layout
    .extend({ templateId: z.string(), version: z.number().int(), publishedAt: z.string() })
    .nullable(),
  templatePaid: z.boolean().describe('False for a paid template the shop has no entitlement to yet'),
});

export const imageView = z.object({
  id: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string(),
});
