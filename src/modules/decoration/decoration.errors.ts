import { defineErrors } from '../../kernel/errors.js';

/** Shop decoration codes (SHOP-4; docs/decoration.md). */
export const decorationErrors = defineErrors({
  decoration_rules_failed: {
    status: 422,
    zh: '店铺装修不符合规则：首个模块须为轮播海报或促销，须包含客服入口和退换货说明，文字不小于 14 像素，图片须经处理为 750 像素宽（详见 violations）',
    en: 'The decoration breaks the rules: open with a hero banner or promotion, include customer service and a return policy, text at least 14 px, images processed to 750 px width (see violations)',
  },
  decoration_template_unknown: {
    status: 400,
    zh: '所选装修模板不存在，请重新选择',
    en: 'This decoration template does not exist; choose another',
  },
  decoration_template_unpaid: {
    status: 409,
    zh: '该模板为付费模板（{priceYuan} 元），购买完成后才能发布',
    en: 'This is a paid template (¥{priceYuan}); complete the purchase before publishing',
  },
  decoration_template_free: {
    status: 409,
    zh: '该模板免费，无需购买',
    en: 'This template is free; there is nothing to buy',
  },
  decoration_version_conflict: {
    status: 409,
    zh: '装修草稿已在别处被修改，请刷新后再保存',
    en: 'The draft was changed elsewhere; reload it before saving',
  },
  decoration_not_found: {
    status: 404,
    zh: '该店铺还没有装修草稿，请先选择模板并保存',
    en: 'This shop has no decoration draft yet; choose a template and save first',
  },
  decoration_image_too_narrow: {
    status: 400,
    zh: '图片宽度至少需要 {minWidth} 像素（当前 {width} 像素），请上传更清晰的原图',
    en: 'The image must be at least {minWidth} px wide (it is {width} px); upload the original picture',
  },
  decoration_image_too_tall: {
    status: 400,
    zh: '图片过长：高度不能超过宽度的 {maxRatio} 倍，请裁剪后上传',
    en: 'The image is too tall: its height may be at most {maxRatio} times its width; crop it',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof decorationErrors, true> {}
}
