import type { Executor } from '../../kernel/db.js';

/**
 * SQL for uploads. Every read or change on behalf of a merchant takes the owner, so one merchant
 * can never reach another's files (DESIGN: tenant scoping lives in the store).
 */
export type UploadRow = {
  id: string;
  owner_type: 'merchant';
  owner_id: string;
  purpose: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  /** JSON of UploadQuality. */
  quality: string;
  status: 'stored' | 'deleted';
  attached_to: string | null;
  created_at: number;
  deleted_at: number | null;
};

export type UploadQuality = {
  resolution: { width: number; height: number; minShortSide: number };
  blur: { score: number; threshold: number };
  flags: string[];
};

export type Owner = { type: 'merchant'; id: string };

declare module '../../kernel/db-schema.js' {
  interface Database {
    uploads: UploadRow;
  }
}

export function createUploadsStore() {
  return {
    insert: (row: UploadRow, ex: Executor) => ex.insertInto('uploads').values(row).execute(),

    /** A stored upload of this owner, or undefined (another owner's looks the same as none). */
    storedForOwner: (id: string, owner: Owner, ex: Executor) =>
      ex
        .selectFrom('uploads')
        .selectAll()
        .where('id', '=', id)
        .where('owner_type', '=', owner.type)
        .where('owner_id', '=', owner.id)
        .where('status', '=', 'stored')
        .executeTakeFirst(),

    /** For operators and internal use: any stored upload by id. */
    storedById: (id: string, ex: Executor) =>
      ex
        .selectFrom('uploads')
        .selectAll()
        .where('id', '=', id)
        .where('status', '=', 'stored')
        .executeTakeFirst(),

    /** Marks an owner's unattached upload deleted; true when this call did it. */
    async markDeleted(id: string, owner: Owner, at: number, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('uploads')
        .set({ status: 'deleted', deleted_at: at })
        .where('id', '=', id)
        .where('owner_type', '=', owner.type)
        .where('owner_id', '=', owner.id)
        .where('status', '=', 'stored')
        .where('attached_to', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Attaches an owner's stored upload to `ref` unless it is attached elsewhere; true on success. */
    async attach(id: string, owner: Owner, ref: string, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('uploads')
        .set({ attached_to: ref })
        .where('id', '=', id)
        .where('owner_type', '=', owner.type)
        .where('owner_id', '=', owner.id)
        .where('status', '=', 'stored')
        .where((eb) => eb.or([eb('attached_to', 'is', null), eb('attached_to', '=', ref)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Marks any stored upload deleted (retention purges); true when this call did it. */
    async purge(id: string, at: number, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('uploads')
        .set({ status: 'deleted', deleted_at: at })
        .where('id', '=', id)
        .where('status', '=', 'stored')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Stored uploads of these purposes created before `before`, oldest first. */
    storedBefore: (purposes: string[], before: number, limit: number, ex: Executor) =>
      ex
        .selectFrom('uploads')
        .select(['id'])
        .where('purpose', 'in', purposes)
        .where('created_at', '<', before)
        .where('status', '=', 'stored')
        .orderBy('created_at')
        .limit(limit)
        .execute(),

    /** Stored upload ids after `after` in id order, for walking every file (key rotation). */
    storedPage: (after: string, limit: number, ex: Executor) =>
      ex
        .selectFrom('uploads')
        .select(['id'])
        .where('id', '>', after)
        .where('status', '=', 'stored')
        .orderBy('id')
        .limit(limit)
        .execute(),
  };
}

export type UploadsStore = ReturnType<typeof createUploadsStore>;
