import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../kernel/clock.js';
import { createCrypto, masterKeyFrom } from '../../kernel/crypto.js';
import { openTestDatabase, type TestDatabase, testDbKind } from '../../kernel/test-db.js';
import {
  createLocalDishonestList,
  DishonestCsvError,
  type DishonestListContext,
  deleteDishonestSource,
  importDishonestCsv,
} from './dishonest-list.js';
import { makeValidIdNumber, makeValidUscc } from './sandbox-values.js';

const HEADER = 'name,id_number_or_uscc,case_no,court,published_on';
const person = makeValidIdNumber('123');
const company = makeValidUscc('5678');
const unlisted = makeValidIdNumber('124');

describe(`dishonest list import on ${testDbKind}`, () => {
  let tdb: TestDatabase;
  let ctx: DishonestListContext;
  beforeEach(async () => {
    tdb = await openTestDatabase();
    const clock = createTestClock();
    ctx = {
      db: tdb.db,
      crypto: await createCrypto(tdb.db, masterKeyFrom(randomBytes(32)), clock.now),
      clock,
    };
  });
  afterEach(async () => {
    await tdb.close();
  });

  const good = [
    HEADER,
    `张三,${person},(2024)京0105执1234号,北京市朝阳区人民法院,2024-03-15`,
    `张三,${person},(2023)京0105执99号,北京市朝阳区人民法院,2023-01-02`,
    `某某贸易有限公司,${company},(2022)粤0106执5号,广州市天河区人民法院,2022-07-30`,
  ].join('\n');

  it('imports a good file and the local list finds the listed, not the unlisted', async () => {
    expect(await importDishonestCsv(ctx, good, { source: 'court-2024' })).toEqual({
      imported: 3,
      duplicates: 0,
      rejected: [],
    });
    const list = createLocalDishonestList(ctx);
    expect(list.name).toBe('local');
    expect(await list.check({ idNumberOrUscc: person, name: '张三' })).toEqual({
      listed: true,
      cases: [
        { caseNo: '(2024)京0105执1234号', court: '北京市朝阳区人民法院', publishedOn: '2024-03-15' },
        { caseNo: '(2023)京0105执99号', court: '北京市朝阳区人民法院', publishedOn: '2023-01-02' },
      ],
    });
    const byCompany = await list.check({ idNumberOrUscc: company.toLowerCase(), name: '' });
    expect(byCompany.listed).toBe(true);
    expect(byCompany.cases).toHaveLength(1);
    expect(await list.check({ idNumberOrUscc: unlisted, name: '张三' })).toEqual({ listed: false });
    expect(await list.check({ idNumberOrUscc: 'not a number', name: '张三' })).toEqual({ listed: false });
  });

  it('stores no plaintext number or name', async () => {
    await importDishonestCsv(ctx, good, { source: 's' });
    const rows = await tdb.db.selectFrom('dishonest_list').selectAll().execute();
    expect(rows).toHaveLength(3);
    const dump = JSON.stringify(rows);
    for (const secret of [person, company, '张三', '某某贸易']) expect(dump).not.toContain(secret);
    expect(rows[0]).toMatchObject({ source: 's', imported_at: ctx.clock.now() });
    expect(rows[0]!.id).toMatch(/^dl_/);
  });

  it('accepts a BOM, CRLF, quoted commas and quotes, columns in another order plus extras', async () => {
    const csv =
      '\uFEFFcase_no,published_on,court,name,id_number_or_uscc,note\r\n' +
      `"(2024)京0105执7号",2024-05-06,"北京市第一中级人民法院, 执行局","张""三""",${person.toLowerCase()},"x, y"\r\n`;
    expect(await importDishonestCsv(ctx, csv, { source: 's' })).toEqual({
      imported: 1,
      duplicates: 0,
      rejected: [],
    });
    const res = await createLocalDishonestList(ctx).check({ idNumberOrUscc: person, name: '张三' });
    expect(res.cases).toEqual([
      { caseNo: '(2024)京0105执7号', court: '北京市第一中级人民法院, 执行局', publishedOn: '2024-05-06' },
    ]);
  });

  it('reports bad lines with their line numbers and imports the rest', async () => {
    const badCheck = `${person.slice(0, 17)}${person[17] === '0' ? '1' : '0'}`;
    const csv = [
      HEADER,
      `李四,${badCheck},(2024)京1号,某法院,2024-01-01`, // 2
      `李四,${company.slice(0, 17)}${company[17] === '0' ? '1' : '0'},(2024)京2号,某法院,2024-01-01`, // 3
      `,${person},(2024)京3号,某法院,2024-01-01`, // 4
      `李四,${person},,某法院,2024-01-01`, // 5
      `李四,${person},(2024)京4号, ,2024-01-01`, // 6
      `李四,${person},(2024)京5号,某法院,2024-02-30`, // 7
      `李四,${person},(2024)京6号,某法院,2099-01-01`, // 8: in the future
      `李四,${person},(2024)京7号,某法院,2024/01/01`, // 9
      `李四,${person},(2024)京8号,某法院`, // 10
      `李四,${person},"(2024)京9号"x,某法院,2024-01-01`, // 11
      `"李四`, // 12: a quoted field over two lines
      `",${person},(2024)京10号,某法院,2024-01-01`,
      `李四,12345,(2024)京11号,某法院,2024-01-01`, // 14
      `王五,${unlisted},(2024)京12号,某法院,2024-01-01`, // 15: good
    ].join('\n');
    const res = await importDishonestCsv(ctx, csv, { source: 's' });
    expect(res.rejected).toEqual([
      { line: 2, reason: 'id_number_or_uscc_invalid' },
      { line: 3, reason: 'id_number_or_uscc_invalid' },
      { line: 4, reason: 'name_missing' },
      { line: 5, reason: 'case_no_missing' },
      { line: 6, reason: 'court_missing' },
      { line: 7, reason: 'published_on_invalid' },
      { line: 8, reason: 'published_on_invalid' },
      { line: 9, reason: 'published_on_invalid' },
      { line: 10, reason: 'columns' },
      { line: 11, reason: 'quote' },
      { line: 14, reason: 'id_number_or_uscc_invalid' },
    ]);
    expect(res.imported).toBe(2); // line 12–13 (name "李四\n" normalised) and line 15
    const list = createLocalDishonestList(ctx);
    expect((await list.check({ idNumberOrUscc: unlisted, name: '王五' })).listed).toBe(true);
  });

  it('re-import counts duplicates; the same case in another form is a duplicate too', async () => {
    await importDishonestCsv(ctx, good, { source: 's' });
    expect(await importDishonestCsv(ctx, good, { source: 's' })).toEqual({
      imported: 0,
      duplicates: 3,
      rejected: [],
    });
    const variant = `${HEADER}\n张三,${person.toLowerCase()}, （2024）京0105执1234号 ,北京市朝阳区人民法院,2024-03-15\n`;
    expect(await importDishonestCsv(ctx, variant, { source: 'other' })).toEqual({
      imported: 0,
      duplicates: 1,
      rejected: [],
    });
    const twice = `${HEADER}\n王五,${unlisted},(2024)京1号,法院,2024-01-01\n王五,${unlisted},(2024)京1号,法院,2024-01-01`;
    expect(await importDishonestCsv(ctx, twice, { source: 's' })).toMatchObject({
      imported: 1,
      duplicates: 1,
    });
    const count = await tdb.db
      .selectFrom('dishonest_list')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('streams a large file in batches and re-imports it idempotently', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 1200; i++) {
      const id = makeValidIdNumber(i % 600, { region: i < 600 ? '110105' : '440106' });
      lines.push(`人${i},${id},(2024)执${i}号,法院,2024-01-01`);
    }
    const bytes = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    const chunks = () =>
      Readable.from(Array.from({ length: 37 }, (_, k) => bytes.subarray(k * 2000, (k + 1) * 2000)));
    expect(bytes.length).toBeLessThan(37 * 2000);
    expect(await importDishonestCsv(ctx, chunks(), { source: 'big' })).toEqual({
      imported: 1200,
      duplicates: 0,
      rejected: [],
    });
    expect(await importDishonestCsv(ctx, chunks(), { source: 'big' })).toEqual({
      imported: 0,
      duplicates: 1200,
      rejected: [],
    });
    const list = createLocalDishonestList(ctx);
    const hit = await list.check({ idNumberOrUscc: makeValidIdNumber(599, { region: '440106' }), name: '' });
    expect(hit.cases).toEqual([{ caseNo: '(2024)执1199号', court: '法院', publishedOn: '2024-01-01' }]);
    expect(await deleteDishonestSource(ctx, 'big')).toBe(1200);
    expect(
      (await list.check({ idNumberOrUscc: makeValidIdNumber(599, { region: '440106' }), name: '' })).listed,
    ).toBe(false);
  });

  it('refuses a file without the required header, or an empty file, importing nothing', async () => {
    const noHeader = `张三,${person},(2024)京1号,法院,2024-01-01`;
    await expect(importDishonestCsv(ctx, noHeader, { source: 's' })).rejects.toBeInstanceOf(
      DishonestCsvError,
    );
    await expect(importDishonestCsv(ctx, 'name,case_no\n', { source: 's' })).rejects.toThrow(
      /missing: id_number_or_uscc, court, published_on/,
    );
    await expect(importDishonestCsv(ctx, '\uFEFF\n\n', { source: 's' })).rejects.toBeInstanceOf(
      DishonestCsvError,
    );
    await expect(importDishonestCsv(ctx, good, { source: ' ' })).rejects.toBeInstanceOf(RangeError);
    const rows = await tdb.db.selectFrom('dishonest_list').selectAll().execute();
    expect(rows).toHaveLength(0);
  });
});
