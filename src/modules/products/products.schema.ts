import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError } from '../../kernel/errors.js';
import type { MediaView } from './media.service.js';
import type { ProductWithSkus } from './products.service.js';
import { TITLE_MAX } from './title.js';
import { MAX_OPTIONS, MAX_SKUS, MAX_STOCK, MAX_VALUES_PER_OPTION, OPTION_TEXT_MAX } from './variants.js';

/** Zod shapes of the product API (PROD-1; docs/products.md). */

const id = z.string().min(1).max(64);
export const shopParams = z.object({ shopId: id });
export const productParams = z.object({ shopId: id, productId: id });
export const skuParams = z.object({ shopId: id, productId: id, skuId: id });

const optionText = z.string().max(200).describe(`1–${OPTION_TEXT_MAX} characters (grapheme clusters)`);

export const createBody = z.object({
  title: z
    .string()
    .max(1000)
    .describe(`1–${TITLE_MAX} characters as a person reads them (grapheme clusters), trimmed`),
  options: z
    .array(z.object({ name: optionText, values: z.array(optionText).max(MAX_VALUES_PER_OPTION * 2) }))
    .max(MAX_OPTIONS * 3)
    .default([])
    .describe(`Variant options, e.g. [{"name":"颜色","values":["红","蓝"]}]; at most ${MAX_OPTIONS}`),
  skus: z
    .array(
      z.object({
        options: z
          .record(z.string().max(200), optionText)
          .describe('The combination: {optionName: value}; {} when there are no options'),
        priceFen: z.number().describe('Price in integer fen (¥1 = 100), positive'),
        stock: z.number().int().min(0).max(MAX_STOCK),
      }),
    )
    .min(1)
    .max(MAX_SKUS * 2)
    .describe(`Exactly one SKU per combination of option values (at most ${MAX_SKUS})`),
  mainImageId: id.describe('A checked main image of this shop (POST …/products/images)'),
  videoId: id.nullish().describe('Optional video of this shop (POST …/products/videos)'),
});

export const stockBody = z.object({
  delta: z
    .number()
    .int()
    .min(-MAX_STOCK)
    .max(MAX_STOCK)
    .refine((d) => d !== 0, 'delta must not be 0')
    .describe('Added to the stock; negative takes. Refused with 409 stock_insufficient below 0'),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const skuView = z.object({
  id: z.string(),
  options: z.record(z.string(), z.string()),
  priceFen: z.number().int(),
  stock: z.number().int(),
});

export const productView = z.object({
  id: z.string(),
  shopId: z.string(),
  title: z.string(),
  status: z.enum(['listed', 'delisted']),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  mainImageId: z.string(),
  videoId: z.string().nullable(),
  skus: z.array(skuView),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const mediaView = z.object({
  id: z.string(),
  kind: z.enum(['image', 'video']),
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
}) satisfies z.ZodType<MediaView>;

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function describeProduct({ product, options, skus }: ProductWithSkus): z.infer<typeof productView> {
  return {
    id: product.id,
    shopId: product.shop_id,
    title: product.title,
    status: product.status,
    options,
    mainImageId: product.main_image_id,
    videoId: product.video_id,
    skus: skus.map((s) => ({
      id: s.id,
      options: JSON.parse(s.option_values) as Record<string, string>,
      priceFen: Number(s.price_fen),
      stock: Number(s.stock),
    })),
    createdAt: iso(product.created_at),
    updatedAt: iso(product.updated_at),
  };
}

type Issue = { instancePath?: string; params?: { issue?: { path?: PropertyKey[] } } };

/**
 * The create route validates with `attachValidation`: a bad `priceFen` (a string, a fraction, 0,
 * negative, beyond 2^53−1) is money and answers `amount_invalid`; any other problem
 * `validation_failed` as usual.
 */
export function refuseInvalid(req: FastifyRequest): void {
  const err = req.validationError as
    | (Error & { validation?: Issue[]; validationContext?: string })
    | undefined;
  if (!err) return;
  const paths = (err.validation ?? []).map(
    (v) => v.params?.issue?.path?.map(String).join('.') ?? v.instancePath ?? '',
  );
  const price = paths.find((p) => /^\/?skus[./]\d+[./]priceFen$/.test(p));
  if (price && err.validationContext === 'body')
    throw appError('amount_invalid', { path: price.replace(/^\//, '').replaceAll('/', '.'), minFen: 1 });
  throw err;
}
