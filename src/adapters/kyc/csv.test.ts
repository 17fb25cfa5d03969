import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CsvInput, CsvTooLongError, MAX_CSV_RECORD, readCsv } from './csv.js';

async function all(input: CsvInput) {
  const out = [];
  for await (const r of readCsv(input)) out.push(r);
  return out;
}

describe('readCsv', () => {
  it('reads records with their line numbers, LF, CRLF and lone CR alike', async () => {
    expect(await all('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
      { line: 4, fields: ['5', '6'] },
    ]);
  });

  it('strips a BOM and skips blank lines', async () => {
    expect(await all('\uFEFFa,b\n\n1,2\n\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
    expect(await all(Buffer.from('\uFEFFa\n', 'utf8'))).toEqual([{ line: 1, fields: ['a'] }]);
  });

  it('handles quoted commas, escaped quotes, empty and multi-line fields', async () => {
    const text = 'x,"a, b","say ""hi""",""\n"line1\r\nline2",z,,\n';
    expect(await all(text)).toEqual([
      { line: 1, fields: ['x', 'a, b', 'say "hi"', ''] },
      { line: 2, fields: ['line1\nline2', 'z', '', ''] },
    ]);
    expect(await all('"closed at end"')).toEqual([{ line: 1, fields: ['closed at end'] }]);
  });

  it('flags stray and unterminated quotes', async () => {
    expect(await all('a"b,c\n"x"y,z\nok,1\n"open,2\nnext')).toEqual([
      { line: 1, fields: ['ab', 'c'], error: 'quote' },
      { line: 2, fields: ['xy', 'z'], error: 'quote' },
      { line: 3, fields: ['ok', '1'] },
      { line: 4, fields: ['open,2\nnext'], error: 'quote' },
    ]);
  });

  it('streams: multi-byte characters split across chunks, CRLF split across chunks', async () => {
    const bytes = Buffer.from('\uFEFF姓名,法院\r\n张三,"北京市,第一"\r\n', 'utf8');
    const chunks = Array.from(bytes, (b) => Buffer.from([b])); // one byte at a time
    expect(await all(Readable.from(chunks))).toEqual([
      { line: 1, fields: ['姓名', '法院'] },
      { line: 2, fields: ['张三', '北京市,第一'] },
    ]);
  });

  it('refuses a runaway record', async () => {
    const huge = `"${'a'.repeat(MAX_CSV_RECORD + 10)}`;
    await expect(all(`h\n${huge}`)).rejects.toBeInstanceOf(CsvTooLongError);
  });
});
