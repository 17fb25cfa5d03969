/**
 * A small streaming CSV reader (RFC 4180): UTF-8 with an optional BOM, comma separators, fields in
 * double quotes may hold commas, line breaks and `""` for a quote; records end at LF, CRLF or CR.
 * Records come out one by one with the line they start on, so a large file never sits in memory.
 * A record with a stray quote (text after a closing quote, or a quote inside an unquoted field) or
 * an unterminated quote at the end of the input is yielded with `error: 'quote'`.
 */

export type CsvInput = string | Buffer | AsyncIterable<string | Buffer | Uint8Array>;

export type CsvRecord = { line: number; fields: string[]; error?: 'quote' };

/** Longest record accepted (characters); a longer one is almost surely a runaway quote. */
export const MAX_CSV_RECORD = 64 * 1024;

export class CsvTooLongError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`CSV record starting on line ${line} is longer than ${MAX_CSV_RECORD} characters`);
    this.name = 'CsvTooLongError';
    this.line = line;
  }
}

async function* textChunks(input: CsvInput): AsyncGenerator<string> {
  if (typeof input === 'string') {
    yield input;
    return;
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  if (Buffer.isBuffer(input)) {
    yield decoder.decode(input);
    return;
  }
  for await (const chunk of input) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Yields every record, including the header; blank lines are skipped. */
export async function* readCsv(input: CsvInput): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // a quoted field just closed
  let pendingQuote = false; // saw `"` inside quotes: either `""` or the closing quote
  let pendingCr = false; // saw CR: swallow a following LF
  let bad = false;
  let line = 1; // physical line of the current character
  let start = 1; // line the current record started on
  let size = 0;
  let first = true;

  function* endRecord(): Generator<CsvRecord> {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !bad;
    if (!blank) yield bad ? { line: start, fields, error: 'quote' } : { line: start, fields };
    fields = [];
    field = '';
    afterQuote = false;
    bad = false;
    size = 0;
  }

  for await (let chunk of textChunks(input)) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    for (const ch of chunk) {
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (pendingQuote) {
        pendingQuote = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        quoted = false;
        afterQuote = true;
      }
      if (++size > MAX_CSV_RECORD) throw new CsvTooLongError(start);
      if (quoted) {
        if (ch === '"') pendingQuote = true;
        else if (ch === '\r') {
          pendingCr = true; // CR or CRLF inside quotes is one line break
          line++;
          field += '\n';
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
        continue;
      }
      if (ch === ',') {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n' || ch === '\r') {
        pendingCr = ch === '\r';
        yield* endRecord();
        line++;
        start = line;
      } else if (ch === '"') {
        if (field === '' && !afterQuote) quoted = true;
        else bad = true;
      } else if (afterQuote) {
        bad = true;
        field += ch;
      } else field += ch;
    }
  }
  if (pendingQuote) {
    quoted = false;
    afterQuote = true;
  }
  if (quoted) bad = true;
  if (fields.length > 0 || field !== '' || bad || afterQuote) yield* endRecord();
}
