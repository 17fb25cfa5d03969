import { defineErrors } from '../../kernel/errors.js';

/**
 * Document upload codes (KYC-2/KYC-3). Every message tells the merchant what to do next; details
 * such as `maxBytes`, `minShortSide` or the blur score are extra members of the problem document.
 */
export const uploadsErrors = defineErrors({
  file_empty: {
    status: 400,
    zh: '没有收到文件内容，请重新选择图片后上传',
    en: 'No file content was received; choose the image again and upload it',
  },
  file_too_large: {
    status: 413,
    zh: '文件过大，请上传不超过 {maxMegabytes} MB 的图片',
    en: 'The file is too large; upload an image of at most {maxMegabytes} MB',
  },
  file_type_unsupported: {
    status: 415,
    zh: '文件格式不支持，请上传 {allowed} 格式的图片',
    en: 'This file type is not supported; upload a {allowed} image',
  },
  image_heic_unsupported: {
    status: 415,
    zh: '暂不支持 HEIC 格式照片，请在相机设置中选择“兼容性最佳”，或将照片转换为 JPG 后上传',
    en: 'HEIC photos are not supported; set the camera to "Most Compatible" or convert the photo to JPG',
  },
  upload_multipart_required: {
    status: 415,
    zh: '请以表单文件（multipart/form-data）方式上传图片',
    en: 'Upload the image as a multipart/form-data file',
  },
  image_undecodable: {
    status: 400,
    zh: '图片已损坏或不完整，无法读取，请重新拍摄或导出后上传',
    en: 'The image is damaged or incomplete and cannot be read; take or export it again',
  },
  image_too_many_pixels: {
    status: 400,
    zh: '图片像素过多，请将图片缩小到 {maxMegapixels} 百万像素以内后上传',
    en: 'The image has too many pixels; scale it down to at most {maxMegapixels} megapixels',
  },
  image_resolution_too_low: {
    status: 400,
    zh: '图片分辨率过低（短边至少 {minShortSide} 像素），请使用原图或靠近拍摄后上传',
    en: 'The image resolution is too low (the shorter side needs {minShortSide} px); upload the original photo',
  },
  image_too_blurry: {
    status: 400,
    zh: '图片模糊，请在光线充足处对焦、保持手机稳定后重新拍摄',
    en: 'The image is blurry; retake it in good light, in focus, holding the phone steady',
  },
  upload_purpose_invalid: {
    status: 400,
    zh: '上传用途无效，请返回上一步重新选择要上传的材料',
    en: 'The upload purpose is not valid; go back and choose which document you are uploading',
  },
  upload_attached: {
    status: 409,
    zh: '该图片已提交用于认证，不能删除',
    en: 'This image has been submitted with a verification and cannot be deleted',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof uploadsErrors, true> {}
}
