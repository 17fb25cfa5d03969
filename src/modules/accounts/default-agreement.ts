/**
 * The default merchant service agreement (AGR-1). A platform publishes its own with
 * `kaidian agreements publish`; this one covers the sections SPEC AGR-1 names.
 */
export const DEFAULT_AGREEMENT = {
  version: '2026-11-01',
  titleZh: '开店商家服务协议',
  titleEn: 'Kaidian Merchant Service Agreement',
  bodyZh: [
    '一、经营规则：商家应遵守平台规则及国家法律法规，如实提供主体信息，依法经营。',
    '二、违规处理：出售假冒伪劣商品、虚假交易等违规行为，平台有权扣除保证金、限制经营直至关闭店铺。',
    '三、技术服务费与结算：平台按类目费率收取技术服务费；货款按结算周期（默认确认收货后 T+7）结算至商家收款账户。',
    '四、数据使用授权：商家授权平台为履行本协议、风控和合规目的处理其提供的信息。身份证件与人脸等敏感个人信息将另行单独征得同意（《个人信息保护法》第二十九条）。',
    '五、争议解决：因本协议产生的争议，双方协商解决；协商不成的，提交平台运营方所在地有管辖权的人民法院诉讼解决。',
  ].join('\n\n'),
  bodyEn: [
    '1. Operating rules: the merchant follows the platform rules and the law, provides truthful information about itself and trades lawfully.',
    '2. Violations: for counterfeits, fake transactions and other violations the platform may deduct from the deposit, restrict trading, or close the shop.',
    '3. Technical service fees and settlement: the platform charges a technical service fee at the category rate; proceeds are settled to the payout account on the settlement cycle (by default T+7 after receipt is confirmed).',
    '4. Data use: the merchant authorises the platform to process the information it provides to perform this agreement and for risk control and compliance. ID documents and face data need a separate consent (PIPL Art. 29).',
    '5. Disputes: the parties first negotiate; failing that, disputes go to the competent people’s court where the platform operator is located.',
  ].join('\n\n'),
} as const;
