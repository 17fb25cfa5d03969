import { describe, expect, it } from 'vitest';
import { parseIdNumber, parseUscc } from '../../modules/verification/validators/index.js';
import { ProviderUnavailableError } from './providers.js';
import {
  createSandboxBusinessRegistry,
  createSandboxCustomsRecord,
  createSandboxDishonestList,
  createSandboxIdentityAuthority,
  createSandboxKycProviders,
} from './sandbox.js';
import {
  makeValidIdNumber,
  makeValidUscc,
  SANDBOX_ID_SEQUENCE,
  SANDBOX_ORG_PREFIX,
} from './sandbox-values.js';

const identity = createSandboxIdentityAuthority();
const dishonest = createSandboxDishonestList();
const registry = createSandboxBusinessRegistry();
const customs = createSandboxCustomsRecord();
const portrait = Buffer.from('portrait bytes');

describe('sandbox number helpers', () => {
  it('makeValidIdNumber builds a valid number carrying the sequence', () => {
    for (const seq of ['000', '001', '995', '999', 42]) {
      const id = makeValidIdNumber(seq);
      const parsed = parseIdNumber(id);
      expect(parsed.ok).toBe(true);
      expect(id.slice(14, 17)).toBe(String(seq).padStart(3, '0'));
    }
    expect(makeValidIdNumber('999', { region: '440106', birthDate: '1985-12-31' })).toMatch(
      /^44010619851231999[\dX]$/,
    );
    expect(() => makeValidIdNumber('1000')).toThrow(RangeError);
  });

  it('makeValidUscc builds a valid code whose organisation code starts with the prefix', () => {
    for (const prefix of ['', '0000', '0001', '9999', 'C', 'CE']) {
      const uscc = makeValidUscc(prefix);
      const parsed = parseUscc(uscc);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.organizationCode.startsWith(prefix)).toBe(true);
    }
    expect(makeValidUscc('', { authorityCategory: '92', region: '440106' })).toMatch(/^92440106/);
  });
});

describe('sandbox identity authority', () => {
  const cases: Array<[string, string, string]> = [
    ['999', '张三', 'no_record'],
    ['998', '张三', 'name_mismatch'],
    ['997', '张三', 'deceased'],
    ['996', '张三', 'unavailable'],
    ['001', '张不符', 'name_mismatch'],
    ['001', '张三', 'match'],
    ['995', '张三', 'match'],
    ['994', '张三', 'match'],
  ];
  it.each(cases)('sequence %s with name %s → %s', async (seq, name, result) => {
    expect((await identity.verify({ name, idNumber: makeValidIdNumber(seq) })).result).toBe(result);
  });

  it(`sequence ${SANDBOX_ID_SEQUENCE.authorityDown} throws ProviderUnavailableError`, async () => {
    const err = await identity
      .verify({ name: '张三', idNumber: makeValidIdNumber('993') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderUnavailableError);
    expect((err as ProviderUnavailableError).retryable).toBe(true);
    expect((err as Error).message).not.toContain(makeValidIdNumber('993'));
  });

  it('scores a portrait 96 on match and 12 for sequence 994; no score without a portrait', async () => {
    const ok = await identity.verify({ name: '张三', idNumber: makeValidIdNumber('001'), portrait });
    expect(ok).toEqual({ result: 'match', portraitSimilarity: 96 });
    const bad = await identity.verify({ name: '张三', idNumber: makeValidIdNumber('994'), portrait });
    expect(bad).toEqual({ result: 'match', portraitSimilarity: 12 });
    expect(await identity.verify({ name: '张三', idNumber: makeValidIdNumber('001') })).toEqual({
      result: 'match',
    });
    const noRecord = await identity.verify({ name: '张三', idNumber: makeValidIdNumber('999'), portrait });
    expect(noRecord).toEqual({ result: 'no_record' });
  });

  it('answers no_record for an invalid number and normalises the number first', async () => {
    const id = makeValidIdNumber('999');
    const wrongCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    expect((await identity.verify({ name: '张三', idNumber: wrongCheck })).result).toBe('no_record');
    const fullWidth = id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await identity.verify({ name: '张三', idNumber: ` ${fullWidth} ` })).result).toBe('no_record');
  });

  it('matches the 15-character 2004 foreigner card (no sequence digits)', async () => {
    expect((await identity.verify({ name: 'JOHN SMITH', idNumber: 'USA110099999999' })).result).toBe('match');
  });
});

describe('sandbox dishonest list', () => {
  it('lists ID sequence 995 with one deterministic case', async () => {
    const res = await dishonest.check({ idNumberOrUscc: makeValidIdNumber('995'), name: '张三' });
    expect(res.listed).toBe(true);
    expect(res.cases).toHaveLength(1);
    const c = res.cases![0]!;
    expect(c.caseNo).toMatch(/^\(20(19|2[0-4])\)京0105执\d{4}号$/);
    expect(c.court).toBe('北京市中级人民法院');
    expect(c.publishedOn).toMatch(/^20(19|2[0-4])-\d{2}-\d{2}$/);
    expect(c.publishedOn.slice(0, 4)).toBe(c.caseNo.slice(1, 5));
  });

  it(`lists a USCC whose organisation code starts with ${SANDBOX_ORG_PREFIX.dishonest}`, async () => {
    const res = await dishonest.check({
      idNumberOrUscc: makeValidUscc('9999', { region: '440106' }),
      name: '某公司',
    });
    expect(res.listed).toBe(true);
    expect(res.cases![0]!.court).toBe('广州市中级人民法院');
    expect(res.cases![0]!.caseNo).toContain('粤0106执');
  });

  it('does not list other numbers, lower-case x forms and invalid input alike', async () => {
    for (const n of [makeValidIdNumber('001'), makeValidIdNumber('999'), makeValidUscc(''), 'garbage']) {
      expect(await dishonest.check({ idNumberOrUscc: n, name: '张三' })).toEqual({ listed: false });
    }
  });
});

describe('sandbox business registry', () => {
  it('0000 → not_found, 0001 → revoked, 0002 → cancelled, others active', async () => {
    expect(await registry.lookup({ uscc: makeValidUscc('0000') })).toEqual({ result: 'not_found' });
    const status = async (p: string) => {
      const r = await registry.lookup({ uscc: makeValidUscc(p) });
      return r.result === 'found' ? r.status : r.result;
    };
    expect(await status('0001')).toBe('revoked');
    expect(await status('0002')).toBe('cancelled');
    expect(await status('')).toBe('active');
    expect(await status('9999')).toBe('active');
    expect(await status('C')).toBe('active');
  });

  it('0003 throws ProviderUnavailableError; an invalid code is not_found', async () => {
    await expect(registry.lookup({ uscc: makeValidUscc('0003') })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    expect(await registry.lookup({ uscc: '91110105MA01234567' })).toEqual({ result: 'not_found' });
  });

  it('derives a plausible company: city from the region, capital, date, scope', async () => {
    const r = await registry.lookup({ uscc: makeValidUscc('', { region: '330106' }) });
    if (r.result !== 'found') throw new Error('expected found');
    expect(r.companyName).toMatch(/^杭州.{2}(科技|贸易|食品|服饰|电子商务)有限公司$/);
    expect(r.legalRepresentative).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    expect(r.registeredCapitalFen! % 10_000_000).toBe(0);
    expect(r.establishedOn).toMatch(/^20(0[5-9]|1\d|2[0-3])-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/);
    expect(r.scope.length).toBeGreaterThan(5);
  });

  it('an individual business (92…) is a shop without registered capital', async () => {
    const r = await registry.lookup({ uscc: makeValidUscc('', { authorityCategory: '92' }) });
    if (r.result !== 'found') throw new Error('expected found');
    expect(r.companyName).toMatch(/^北京市.+店$/);
    expect(r).not.toHaveProperty('registeredCapitalFen');
  });

  it('different codes give different companies', async () => {
    const names = new Set<string>();
    for (const fill of ['11111111', '22222222', '33333333', '44444444', '55555555']) {
      const r = await registry.lookup({ uscc: makeValidUscc('', { fill }) });
      if (r.result === 'found') names.add(`${r.companyName}/${r.legalRepresentative}/${r.establishedOn}`);
    }
    expect(names.size).toBe(5);
  });
});

describe('sandbox customs record', () => {
  it('C… → registered until 2099-12-31, CE… → expired 2020-12-31, others not registered', async () => {
    const reg = await customs.lookup({ uscc: makeValidUscc('C', { region: '440106' }) });
    expect(reg).toMatchObject({ result: 'registered', validUntil: '2099-12-31' });
    if (reg.result === 'registered') expect(reg.customsCode).toMatch(/^440196\d{4}$/);
    expect(await customs.lookup({ uscc: makeValidUscc('CE') })).toMatchObject({
      result: 'registered',
      validUntil: '2020-12-31',
    });
    expect(await customs.lookup({ uscc: makeValidUscc('') })).toEqual({ result: 'not_registered' });
    expect(await customs.lookup({ uscc: 'not a uscc' })).toEqual({ result: 'not_registered' });
  });

  it('0003 throws ProviderUnavailableError', async () => {
    await expect(customs.lookup({ uscc: makeValidUscc('0003') })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
  });
});

describe('determinism', () => {
  it('same input → same output, across fresh adapter instances and input forms', async () => {
    const a = createSandboxKycProviders();
    const b = createSandboxKycProviders();
    const ids = ['001', '994', '995', '996', '997', '998', '999'].map((s) => makeValidIdNumber(s));
    const codes = ['', '0000', '0001', '0002', '9999', 'C', 'CE', 'C9'].map((p) => makeValidUscc(p));
    for (const idNumber of ids) {
      const first = await a.identityAuthority.verify({ name: '李四', idNumber, portrait });
      expect(await b.identityAuthority.verify({ name: '李四', idNumber, portrait })).toEqual(first);
      const lower = idNumber.toLowerCase();
      expect(await a.dishonestList.check({ idNumberOrUscc: lower, name: '李四' })).toEqual(
        await b.dishonestList.check({ idNumberOrUscc: idNumber, name: '李四' }),
      );
    }
    for (const uscc of codes) {
      expect(await a.businessRegistry.lookup({ uscc })).toEqual(
        await b.businessRegistry.lookup({ uscc: uscc.toLowerCase() }),
      );
      expect(await a.customsRecord.lookup({ uscc })).toEqual(await b.customsRecord.lookup({ uscc }));
      expect(await a.dishonestList.check({ idNumberOrUscc: uscc, name: 'x' })).toEqual(
        await b.dishonestList.check({ idNumberOrUscc: uscc, name: 'x' }),
      );
    }
  });
});
