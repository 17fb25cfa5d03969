/**
 * Sandbox adapters of the KYC-6 providers: deterministic, driven by the magic values of
 * sandbox-values.ts (table in docs/sandbox-providers.md). They validate their input with the real
 * validators and answer the way the vendor would, so the code paths that call them are the
 * production ones. The same input always gives the same answer.
 */
import { parseIdNumber, parseUscc } from '../../modules/verification/validators/index.js';
import {
  type BusinessRecord,
  type BusinessRegistry,
  type CustomsRecord,
  type DishonestCase,
  type DishonestList,
  type IdentityAuthority,
  type IdentityVerifyResult,
  ProviderUnavailableError,
} from './providers.js';
import { createSandboxOcr } from './sandbox-ocr.js';
import {
  SANDBOX_ORG_PREFIX as ORG,
  pick,
  SANDBOX_NAME_MISMATCH_MARK,
  SANDBOX_PORTRAIT_SIMILARITY,
  SANDBOX_ID_SEQUENCE as SEQ,
  sandboxCity,
  sandboxDigest,
} from './sandbox-values.js';

/** Positions 15–17 of an 18-character number; null for the 15-character 2004 foreigner card. */
function sequenceOf(normalized: string): string | null {
  return normalized.length === 18 ? normalized.slice(14, 17) : null;
}

const ddmm = (d: Buffer, i: number) =>
  `${String(1 + ((d[i] ?? 0) % 12)).padStart(2, '0')}-${String(1 + ((d[i + 1] ?? 0) % 28)).padStart(2, '0')}`;

export function createSandboxIdentityAuthority(): IdentityAuthority {
  const name = 'sandbox';
  return {
    name,
    async verify(input): Promise<IdentityVerifyResult> {
      const parsed = parseIdNumber(input.idNumber);
      // A number that is not a valid ID number cannot be on record.
      if (!parsed.ok) return { result: 'no_record' };
      const seq = sequenceOf(parsed.normalized);
      if (seq === SEQ.authorityDown)
        throw new ProviderUnavailableError('identity-authority', 'sandbox outage');
      if (seq === SEQ.noRecord) return { result: 'no_record' };
      if (seq === SEQ.deceased) return { result: 'deceased' };
      if (seq === SEQ.unavailable) return { result: 'unavailable' };
      if (seq === SEQ.nameMismatch || input.name.normalize('NFKC').includes(SANDBOX_NAME_MISMATCH_MARK)) {
        return { result: 'name_mismatch' };
      }
      if (!input.portrait) return { result: 'match' };
      const similarity =
        seq === SEQ.portraitMismatch
          ? SANDBOX_PORTRAIT_SIMILARITY.mismatch
          : SANDBOX_PORTRAIT_SIMILARITY.match;
      return { result: 'match', portraitSimilarity: similarity };
    },
  };
}

/** One deterministic enforcement case for a listed subject. */
function sandboxCase(normalized: string, regionCode: string): DishonestCase {
  const d = sandboxDigest('dishonest', normalized);
  const { city, abbr } = sandboxCity(regionCode);
  const year = 2019 + ((d[0] ?? 0) % 6);
  const serial = 1000 + ((((d[1] ?? 0) << 8) | (d[2] ?? 0)) % 9000);
  return {
    caseNo: `(${year})${abbr}${regionCode.slice(2, 6)}执${serial}号`,
    court: `${city}中级人民法院`,
    publishedOn: `${year}-${ddmm(d, 3)}`,
  };
}

export function createSandboxDishonestList(): DishonestList {
  return {
    name: 'sandbox',
    async check({ idNumberOrUscc }) {
      const id = parseIdNumber(idNumberOrUscc);
      if (id.ok && id.regionCode && sequenceOf(id.normalized) === SEQ.dishonest) {
        return { listed: true, cases: [sandboxCase(id.normalized, id.regionCode)] };
      }
      const uscc = parseUscc(idNumberOrUscc);
      if (uscc.ok && uscc.organizationCode.startsWith(ORG.dishonest)) {
        return { listed: true, cases: [sandboxCase(uscc.normalized, uscc.regionCode)] };
      }
      return { listed: false };
    },
  };
}

const TRADE_NAMES = [
  '星辰',
  '远航',
  '青禾',
  '云栖',
  '锦程',
  '嘉禾',
  '恒信',
  '百川',
  '悦达',
  '瑞丰',
  '知行',
  '海蓝',
];
const INDUSTRIES = [
  { word: '科技', scope: '技术开发、技术咨询、技术服务；软件开发；电子产品销售。' },
  { word: '贸易', scope: '货物进出口；技术进出口；日用百货销售；服装鞋帽批发。' },
  { word: '食品', scope: '食品销售（仅销售预包装食品）；农副产品销售。' },
  { word: '服饰', scope: '服装服饰批发；服装服饰零售；针纺织品销售。' },
  { word: '电子商务', scope: '互联网销售（除销售需要许可的商品）；广告设计、代理。' },
] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '婷'];
const CAPITAL_YUAN = [100_000, 500_000, 1_000_000, 3_000_000, 5_000_000, 10_000_000];

export function createSandboxBusinessRegistry(): BusinessRegistry {
  return {
    name: 'sandbox',
    async lookup({ uscc }): Promise<BusinessRecord> {
      const parsed = parseUscc(uscc);
      if (!parsed.ok) return { result: 'not_found' };
      const org = parsed.organizationCode;
      if (org.startsWith(ORG.registryDown))
        throw new ProviderUnavailableError('business-registry', 'sandbox outage');
      if (org.startsWith(ORG.notFound)) return { result: 'not_found' };
      const d = sandboxDigest('registry', parsed.normalized);
      const city = sandboxCity(parsed.regionCode).city;
      const trade = pick(d, 0, TRADE_NAMES);
      const industry = pick(d, 1, INDUSTRIES);
      // 92…: individual business (个体工商户): a shop name and no registered capital.
      const individual = parsed.authority === '9' && parsed.category === '2';
      const companyName = individual
        ? `${city}${trade}${industry.word}店`
        : `${city.replace(/市$/, '')}${trade}${industry.word}有限公司`;
      const status = org.startsWith(ORG.revoked)
        ? 'revoked'
        : org.startsWith(ORG.cancelled)
          ? 'cancelled'
          : 'active';
      return {
        result: 'found',
        companyName,
        legalRepresentative: `${pick(d, 2, SURNAMES)}${pick(d, 3, GIVEN)}${(d[4] ?? 0) % 2 ? pick(d, 5, GIVEN) : ''}`,
        status,
        ...(individual ? {} : { registeredCapitalFen: pick(d, 6, CAPITAL_YUAN) * 100 }),
        establishedOn: `${2005 + ((d[7] ?? 0) % 19)}-${ddmm(d, 8)}`,
        scope: industry.scope,
      };
    },
  };
}

export function createSandboxCustomsRecord(): CustomsRecord {
  return {
    name: 'sandbox',
    async lookup({ uscc }) {
      const parsed = parseUscc(uscc);
      if (!parsed.ok) return { result: 'not_registered' };
      const org = parsed.organizationCode;
      if (org.startsWith(ORG.registryDown)) throw new ProviderUnavailableError('customs', 'sandbox outage');
      if (!org.startsWith(ORG.customs)) return { result: 'not_registered' };
      const d = sandboxDigest('customs', parsed.normalized);
      const serial = String(((d[0] ?? 0) << 8) | (d[1] ?? 0))
        .padStart(5, '0')
        .slice(-4);
      return {
        result: 'registered',
        customsCode: `${parsed.regionCode.slice(0, 4)}96${serial}`,
        validUntil: org.startsWith(ORG.customsExpired) ? '2020-12-31' : '2099-12-31',
      };
    },
  };
}

/** Every KYC provider in sandbox mode (development, demos, tests). */
export function createSandboxKycProviders() {
  return {
    identityAuthority: createSandboxIdentityAuthority(),
    businessRegistry: createSandboxBusinessRegistry(),
    dishonestList: createSandboxDishonestList(),
    customsRecord: createSandboxCustomsRecord(),
    ocr: createSandboxOcr(),
  };
}
