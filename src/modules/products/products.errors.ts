import { defineErrors } from '../../kernel/errors.js';

/**
 * Product codes (PROD-1, SHOP-3; docs/products.md). Details such as `reason`, `length`, `max`,
 * `missing` or `whiteShare` are extra members of the problem document.
 */
export const productsErrors = defineErrors({
  product_title_invalid: {
    status: 400,
    zh: '商品标题需为 1–{max} 个字（当前 {length} 个），且不能包含控制字符或文字方向控制符',
    en: 'A product title must be 1–{max} characters (now {length}) without control or text-direction characters',
  },
  sku_invalid: {
    status: 400,
    zh: '商品规格（SKU）有误：每种规格组合须且仅须对应一个 SKU，请检查缺少、多余或重复的组合',
    en: 'The SKUs are invalid: give exactly one SKU per combination of options; check missing, extra or repeated ones',
  },
  product_media_empty: {
    status: 400,
    zh: '没有收到文件内容，请重新选择文件后上传',
    en: 'No file content was received; choose the file again and upload it',
  },
  product_media_multipart_required: {
    status: 415,
    zh: '请以表单文件（multipart/form-data）方式上传',
    en: 'Upload the file as multipart/form-data',
  },
  product_media_invalid: {
    status: 400,
    zh: '主图或视频不存在或不属于该店铺，请重新上传',
    en: 'The main image or video does not exist in this shop; upload it again',
  },
  product_image_too_large: {
    status: 413,
    zh: '主图过大，请上传不超过 {maxMegabytes} MB 的图片',
    en: 'The main image is too large; upload an image of at most {maxMegabytes} MB',
  },
  product_image_type_unsupported: {
    status: 415,
    zh: '主图格式不支持，请上传 {allowed} 格式的图片',
    en: 'This image type is not supported; upload a {allowed} image',
  },
  product_image_undecodable: {
    status: 400,
    zh: '图片已损坏或不完整，无法读取，请重新导出后上传',
    en: 'The image is damaged or incomplete and cannot be read; export it again',
  },
  product_image_too_many_pixels: {
    status: 400,
    zh: '图片像素过多，请缩小后上传',
    en: 'The image has too many pixels; scale it down',
  },
  product_image_too_small: {
    status: 400,
    zh: '主图太小，短边至少 {minSide} 像素',
    en: 'The main image is too small; the shorter side needs at least {minSide} px',
  },
  product_image_ratio: {
    status: 400,
    zh: '主图比例须为 1:1 或 3:4（宽:高），请裁剪后上传',
    en: 'The main image must be 1:1 or 3:4 (width:height); crop it and upload again',
  },
  product_image_background: {
    status: 400,
    zh: '主图须为白色背景，图片边缘请保持纯白',
    en: 'The main image needs a white background; keep the edges of the image white',
  },
  product_video_too_large: {
    status: 413,
    zh: '视频过大，请上传不超过 {maxMegabytes} MB 的视频',
    en: 'The video is too large; upload a video of at most {maxMegabytes} MB',
  },
  product_video_type_unsupported: {
    status: 415,
    zh: '视频格式不支持，请上传 MP4 或 MOV 视频',
    en: 'This video type is not supported; upload an MP4 or MOV video',
  },
  product_video_undecodable: {
    status: 400,
    zh: '视频已损坏或无法读取时长，请重新导出后上传',
    en: 'The video is damaged or its duration cannot be read; export it again',
  },
  product_video_too_long: {
    status: 400,
    zh: '商品视频最长 {maxSeconds} 秒（当前 {seconds} 秒），请剪辑后上传',
    en: 'A product video may be at most {maxSeconds} seconds (this one is {seconds}); trim it',
  },
  stock_insufficient: {
    status: 409,
    zh: '库存不足，当前库存 {stock}',
    en: 'Not enough stock; {stock} left',
  },
  stock_limit_exceeded: {
    status: 409,
    zh: '库存不能超过 {max}',
    en: 'Stock cannot exceed {max}',
  },
  qualifications_pending: {
    status: 409,
    zh: '该类目需要的资质尚未审核通过，审核通过后才能发布商品',
    en: "The category's qualifications are not approved yet; you can list products once they are",
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof productsErrors, true> {}
}
