/**
 * The local dishonest-person list (失信被执行人, KYC-6) for self-hosters: `importDishonestCsv` loads
 * a CSV export into `dishonest_list` (migration 0007) and `createLocalDishonestList` answers the
 * `DishonestList` interface from it. Numbers and names are stored only as blind indexes.
 *
 * CSV format (docs/sandbox-providers.md): UTF-8, optional BOM, header
 * `name,id_number_or_uscc,case_no,court,published_on` (any order, extra columns ignored), RFC 4180
 * quoting. Each line is validated; bad lines are reported with their line number and skipped.
 * Re-importing is idempotent: a (subject, case number) already present counts as a duplicate.
 */
import type { Context } from '../../context.js';
import { shanghaiDay } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db-schema.js';
import { newId } from '../../kernel/ids.js';
import { parseIdNumber, parseUscc } from '../../modules/verification/validators/index.js';
import { type CsvInput, readCsv } from './csv.js';
import { type DishonestList, normalizeDocumentNumber, normalizeName } from './providers.js';

declare module '../../kernel/db-schema.js' {
  interface Database {
    dishonest_list: {
      id: string;
      subject_bidx: string;
      name_bidx: string;
      case_no: string;
      court: string;
      published_on: string;
      source: string;
      imported_at: number;
    };
  }
}

type DishonestRow = Database['dishonest_list'];

export type DishonestListContext = Pick<Context, 'db' | 'crypto' | 'clock'>;

export const DISHONEST_CSV_COLUMNS = [
  'name',
  'id_number_or_uscc',
  'case_no',
  'court',
  'published_on',
] as const;

export type DishonestRejectReason =
  | 'columns'
  | 'quote'
  | 'name_missing'
  | 'id_number_or_uscc_invalid'
  | 'case_no_missing'
  | 'court_missing'
  | 'published_on_invalid';

export type DishonestImportResult = {
  imported: number;
  duplicates: number;
  rejected: Array<{ line: number; reason: DishonestRejectReason }>;
};

/** The file as a whole cannot be imported (no header, or a header without the required columns). */
export class DishonestCsvError extends Error {
  readonly code = 'dishonest_csv_header';
  constructor(message: string) {
    super(message);
    this.name = 'DishonestCsvError';
  }
}

const SUBJECT_DOMAIN = 'dishonest_list.subject';
const NAME_DOMAIN = 'dishonest_list.name';
const BATCH = 500;

/** The normalised form of a valid ID number or USCC, else null. */
export function normalizeSubject(value: string, today?: Date): string | null {
  const id = parseIdNumber(value, today ? { today } : {});
  if (id.ok) return id.normalized;
  const uscc = parseUscc(value);
  return uscc.ok ? uscc.normalized : null;
}

/** Case numbers are compared after NFKC (full-width brackets → ASCII) without whitespace. */
const normalizeCaseNo = (caseNo: string) => caseNo.normalize('NFKC').replace(/\s+/gu, '');

function isIsoDate(s: string, notAfter: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s > notAfter || s < '1990-01-01') return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export async function importDishonestCsv(
  ctx: DishonestListContext,
  input: CsvInput,
  opts: { source: string },
): Promise<DishonestImportResult> {
  const source = opts.source.trim();
  if (!source) throw new RangeError('importDishonestCsv needs a non-empty source');
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const result: DishonestImportResult = { imported: 0, duplicates: 0, rejected: [] };
  let pending: DishonestRow[] = [];
  let columns: Map<string, number> | undefined;
  let width = 0;

  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const res = await ctx.db
      .insertInto('dishonest_list')
      .values(rows)
      .onConflict((oc) => oc.columns(['subject_bidx', 'case_no']).doNothing())
      .executeTakeFirst();
    const inserted = Number(res.numInsertedOrUpdatedRows ?? 0n);
    result.imported += inserted;
    result.duplicates += rows.length - inserted;
  }

  for await (const record of readCsv(input)) {
    if (!columns) {
      const names = record.fields.map((f) => f.trim().toLowerCase());
      const missing = DISHONEST_CSV_COLUMNS.filter((c) => !names.includes(c));
      if (record.error || missing.length > 0) {
        throw new DishonestCsvError(
          `line ${record.line}: the header must name the columns ${DISHONEST_CSV_COLUMNS.join(',')}` +
            (missing.length ? ` (missing: ${missing.join(', ')})` : ''),
        );
      }
      columns = new Map(names.map((n, i) => [n, i]));
      width = names.length;
      continue;
    }
    const reject = (reason: DishonestRejectReason) => result.rejected.push({ line: record.line, reason });
    if (record.error) {
      reject('quote');
      continue;
    }
    if (record.fields.length !== width) {
      reject('columns');
      continue;
    }
    const get = (c: (typeof DISHONEST_CSV_COLUMNS)[number]) => (record.fields[columns!.get(c)!] ?? '').trim();
    const name = normalizeName(get('name'));
    const subject = normalizeSubject(get('id_number_or_uscc'), new Date(now));
    const caseNo = normalizeCaseNo(get('case_no'));
    const court = get('court').normalize('NFKC');
    const publishedOn = get('published_on');
    if (!name) reject('name_missing');
    else if (!subject) reject('id_number_or_uscc_invalid');
    else if (!caseNo) reject('case_no_missing');
    else if (!court) reject('court_missing');
    else if (!isIsoDate(publishedOn, today)) reject('published_on_invalid');
    else {
      pending.push({
        id: newId('dl'),
        subject_bidx: ctx.crypto.blindIndex(SUBJECT_DOMAIN, subject),
        name_bidx: ctx.crypto.blindIndex(NAME_DOMAIN, name),
        case_no: caseNo,
        court,
        published_on: publishedOn,
        source,
        imported_at: now,
      });
      if (pending.length >= BATCH) await flush();
    }
  }
  if (!columns) throw new DishonestCsvError('the file is empty: expected a header line');
  await flush();
  return result;
}

/** Removes every entry imported under `source` (before importing a full new snapshot of it). */
export async function deleteDishonestSource(ctx: DishonestListContext, source: string): Promise<number> {
  const res = await ctx.db.deleteFrom('dishonest_list').where('source', '=', source).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * `DishonestList` answered from the imported table by the blind index of the normalised number.
 * The number alone decides: names on court lists are written in varying forms and companies are
 * renamed while their USCC stays, so requiring the name as well would miss listed subjects; a hit
 * is a reason for review, not a final rejection.
 */
export function createLocalDishonestList(ctx: DishonestListContext): DishonestList {
  return {
    name: 'local',
    async check({ idNumberOrUscc }) {
      const subject = normalizeSubject(idNumberOrUscc) ?? normalizeDocumentNumber(idNumberOrUscc);
      const rows = await ctx.db
        .selectFrom('dishonest_list')
        .select(['case_no', 'court', 'published_on'])
        .where('subject_bidx', '=', ctx.crypto.blindIndex(SUBJECT_DOMAIN, subject))
        .orderBy('published_on', 'desc')
        .orderBy('case_no')
        .execute();
      if (rows.length === 0) return { listed: false };
      return {
        listed: true,
        cases: rows.map((r) => ({ caseNo: r.case_no, court: r.court, publishedOn: r.published_on })),
      };
    },
  };
}
