import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.js';
import type { CategoryNode, CategoryStatus, Requirements } from './categories.schema.js';

/**
 * SQL for the category tree (platform configuration, not shop data: no tenant key). Every change
 * is a conditional UPDATE on the row's `version`, so of two concurrent edits exactly one wins.
 */
export type CategoryRow = {
  id: string;
  parent_id: string | null;
  level: number;
  name_zh: string;
  name_en: string;
  position: number;
  status: CategoryStatus;
  /** JSON of the requirements other than the deposit; null on level-1 rows. */
  requirements: string | null;
  /** The deposit in fen (DEP-1); null on level-1 rows. */
  deposit_fen: number | null;
  version: number;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    categories: CategoryRow;
  }
}

/** The node's content as a tree file or an edit describes it (no version, no timestamps). */
export type NodeContent = Pick<
  CategoryNode,
  'id' | 'level' | 'parentId' | 'nameZh' | 'nameEn' | 'position' | 'status' | 'requirements'
>;

export const NAME_INDEX = 'categories_parent_id_name_zh_key';

export function contentColumns(n: NodeContent) {
  const { deposit, ...rest } = n.requirements ?? { deposit: null };
  return {
    parent_id: n.parentId,
    level: n.level,
    name_zh: n.nameZh,
    name_en: n.nameEn,
    position: n.position,
    status: n.status,
    requirements: n.requirements ? JSON.stringify(rest) : null,
    deposit_fen: deposit ? deposit.amountFen : null,
  };
}

export function newRow(n: NodeContent, now: number): CategoryRow {
  return { id: n.id, ...contentColumns(n), version: 1, created_at: now, updated_at: now };
}

export function nodeOf(row: CategoryRow): CategoryNode {
  const rest = row.requirements ? (JSON.parse(row.requirements) as Omit<Requirements, 'deposit'>) : null;
  return {
    id: row.id,
    level: row.level === 1 ? 1 : 2,
    parentId: row.parent_id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    position: row.position,
    status: row.status,
    requirements: rest
      ? {
          qualifications: rest.qualifications ?? [],
          deposit: { amountFen: Number(row.deposit_fen ?? 0) },
          manualReview: !!rest.manualReview,
          highRisk: !!rest.highRisk,
          regulatedIndustry: !!rest.regulatedIndustry,
        }
      : null,
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const formatStamp = (count: number, versions: number, lastUpdate: number) =>
  `${count}.${versions}.${lastUpdate.toString(36)}`;

/** The same version as `stamp`, computed from rows already read. */
export function stampOf(nodes: CategoryNode[]): string {
  return formatStamp(
    nodes.length,
    nodes.reduce((s, n) => s + n.version, 0),
    nodes.reduce((m, n) => Math.max(m, n.updatedAt), 0),
  );
}

export function createCategoriesStore() {
  return {
    all: (ex: Executor) =>
      ex.selectFrom('categories').selectAll().orderBy('level').orderBy('position').orderBy('id').execute(),

    byId: (id: string, ex: Executor) =>
      ex.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst(),

    /**
     * The tree's version: every change bumps one row's version and inserts add rows, so the row
     * count and the sum of versions together only ever grow. Cheap enough to ask on every read.
     */
    async stamp(ex: Executor): Promise<string> {
      const r = await ex
        .selectFrom('categories')
        .select([
          sql<number>`count(*)`.as('n'),
          sql<number | null>`sum(version)`.as('v'),
          sql<number | null>`max(updated_at)`.as('t'),
        ])
        .executeTakeFirstOrThrow();
      return formatStamp(Number(r.n), Number(r.v ?? 0), Number(r.t ?? 0));
    },

    nextPosition: async (parentId: string | null, ex: Executor): Promise<number> => {
      let q = ex.selectFrom('categories').select(sql<number | null>`max(position)`.as('p'));
      q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
      const r = await q.executeTakeFirstOrThrow();
      return r.p === null ? 0 : Number(r.p) + 1;
    },

    insert: (row: CategoryRow, ex: Executor) => ex.insertInto('categories').values(row).execute(),

    /** Writes the content if the row is still at `version`; true when it was. */
    async updateIfVersion(
      id: string,
      version: number,
      content: NodeContent,
      now: number,
      ex: Executor,
    ): Promise<boolean> {
      const r = await ex
        .updateTable('categories')
        .set({ ...contentColumns(content), version: version + 1, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type CategoriesStore = ReturnType<typeof createCategoriesStore>;
