import type { Text } from '../../kernel/i18n.js';

/**
 * The qualifications (资质) a level-2 category can require before its shops may list products
 * (SHOP-3, KYC-2). A tree file names them by code; the texts are what merchants and reviewers see.
 * Adding a kind of licence is a code change here (and a line in docs/categories.md).
 */
export const QUALIFICATIONS = {
  food_business_licence: { zh: '食品经营许可证', en: 'Food business licence' },
  food_production_licence: { zh: '食品生产许可证（SC）', en: 'Food production licence (SC)' },
  health_food_registration: {
    zh: '保健食品注册证书或备案凭证（蓝帽子）',
    en: 'Health food registration certificate or filing (blue hat mark)',
  },
  infant_formula_registration: {
    zh: '婴幼儿配方乳粉产品配方注册证书',
    en: 'Infant formula product formula registration certificate',
  },
  alcohol_distribution_filing: { zh: '酒类流通备案登记', en: 'Alcohol distribution filing' },
  cosmetics_filing: {
    zh: '化妆品注册证或备案凭证',
    en: 'Cosmetics registration certificate or filing record',
  },
  special_cosmetics_registration: {
    zh: '特殊化妆品注册证',
    en: 'Special-use cosmetics registration certificate',
  },
  medical_device_business_licence: {
    zh: '医疗器械经营许可证（第三类）',
    en: 'Medical device business licence (class III)',
  },
  medical_device_business_filing: {
    zh: '第二类医疗器械经营备案凭证',
    en: 'Class II medical device business filing record',
  },
  medical_device_registration: {
    zh: '医疗器械注册证或备案凭证',
    en: 'Medical device registration certificate or filing record',
  },
  publication_business_licence: { zh: '出版物经营许可证', en: 'Publication business licence' },
  audio_video_business_licence: {
    zh: '音像制品经营许可证',
    en: 'Audio-visual products business licence',
  },
  ccc_certificate: {
    zh: '强制性产品认证证书（3C）',
    en: 'China Compulsory Certification (3C) certificate',
  },
  radio_transmission_approval: {
    zh: '无线电发射设备型号核准证（SRRC）',
    en: 'Radio transmission equipment type approval (SRRC)',
  },
  network_access_licence: {
    zh: '电信设备进网许可证',
    en: 'Telecommunication equipment network access licence',
  },
  quality_inspection_report: { zh: '产品质量检验报告', en: 'Product quality inspection report' },
  brand_authorisation: { zh: '品牌授权书', en: 'Brand authorisation letter' },
  precious_metal_inspection: {
    zh: '贵金属及珠宝玉石检测证书',
    en: 'Precious metal and gemstone testing certificate',
  },
  feed_production_licence: { zh: '饲料生产许可证', en: 'Feed production licence' },
} as const satisfies Record<string, Text>;

export type QualificationCode = keyof typeof QUALIFICATIONS;

export const QUALIFICATION_CODES = Object.keys(QUALIFICATIONS) as [QualificationCode, ...QualificationCode[]];
