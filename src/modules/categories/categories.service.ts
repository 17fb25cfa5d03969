import type { Context } from '../../context.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import type { CategoryNode, CategoryStatus } from './categories.schema.js';
import {
  type CategoriesStore,
  NAME_INDEX,
  type NodeContent,
  newRow,
  nodeOf,
  stampOf,
} from './categories.store.js';
import { mergeRequirements, type RequirementsInput } from './requirements.js';
import { type PublicCategory, publicTree } from './tree-view.js';

/**
 * The category tree's rules (SHOP-2/3, DEP-1): reads for everyone (cached per node, keyed by the
 * tree's version, so N nodes agree without talking), edits for admins with optimistic versions.
 */
export type Actor = { operatorId: string; ip?: string | null | undefined };

export type CreateInput = {
  id?: string | undefined;
  parentId?: string | null | undefined;
  nameZh: string;
  nameEn: string;
  position?: number | undefined;
  status?: CategoryStatus | undefined;
  requirements?: RequirementsInput | undefined;
};

export type UpdateInput = {
  version: number;
  parentId?: string | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  position?: number | undefined;
  status?: CategoryStatus | undefined;
  requirements?: RequirementsInput | undefined;
};

export type Snapshot = { version: string; nodes: CategoryNode[] };

/** `cat_` + the English name as a slug (`Smart home` → `cat_smart_home`), or under the parent's id. */
function derivedId(nameEn: string, parentId: string | null): string {
  const slug = nameEn
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32)
    .replace(/_+$/, '');
  if (!slug) throw appError('validation_failed', { errors: [{ path: 'body.id', message: 'give an id' }] });
  return `${parentId ?? 'cat'}_${slug}`.slice(0, 64).replace(/_+$/, '');
}

export function createCategoriesService(ctx: Context, store: CategoriesStore) {
  const { db, clock, audit } = ctx;
  let cache: Snapshot | null = null;

  async function snapshot(): Promise<Snapshot> {
    const version = await store.stamp(db);
    if (cache?.version === version) return cache;
    const nodes = (await store.all(db)).map(nodeOf);
    // The version of exactly these rows (a write between the two reads cannot mislabel them).
    const fresh = { version: stampOf(nodes), nodes };
    cache = fresh;
    return fresh;
  }

  async function requireAdmin(operatorId: string): Promise<void> {
    const op = await db
      .selectFrom('operators')
      .select(['role', 'status'])
      .where('id', '=', operatorId)
      .executeTakeFirst();
    if (op?.status !== 'active' || op.role !== 'admin') throw appError('forbidden');
  }

  async function requireParent(parentId: string): Promise<void> {
    const parent = await store.byId(parentId, db);
    if (parent?.level !== 1) throw appError('category_parent_invalid');
  }

  const byId = async (id: string): Promise<CategoryNode | null> => {
    const row = await store.byId(id, db);
    return row ? nodeOf(row) : null;
  };

  async function active(id: string): Promise<CategoryNode | null> {
    const node = await byId(id);
    if (node?.status !== 'active') return null;
    if (node.parentId && (await byId(node.parentId))?.status !== 'active') return null;
    return node;
  }

  /** Runs a write; a sibling with the same name becomes `category_name_taken`. */
  async function writing<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err, NAME_INDEX)) throw appError('category_name_taken');
      throw err;
    }
  }

  return {
    snapshot,

    /** Active categories as SPEC §10 shows them, names in `lang`. */
    async tree(lang: Lang): Promise<PublicCategory[]> {
      return publicTree((await snapshot()).nodes, lang);
    },

    /** Any node, active or disabled, with its level, parent and requirements; null when unknown. */
    byId,

    /** The node when it and its parent are active (what the public tree shows), else null. */
    active,

    /** The level-2 category a shop may pick (SHOP-2), or `category_not_selectable` (400). */
    async selectable(id: string): Promise<CategoryNode> {
      const node = await active(id);
      if (node?.level !== 2) throw appError('category_not_selectable', { categoryId: id });
      return node;
    },

    async create(actor: Actor, input: CreateInput): Promise<CategoryNode> {
      await requireAdmin(actor.operatorId);
      const parentId = input.parentId ?? null;
      if (parentId) await requireParent(parentId);
      if (!parentId && input.requirements)
        throw appError('category_requirements_invalid', {
          reason: { zh: '一级类目不设要求', en: 'level-1 categories carry no requirements' },
        });
      const requirements = parentId ? mergeRequirements(null, input.requirements ?? {}) : null;
      const id = input.id ?? derivedId(input.nameEn, parentId);
      if (await store.byId(id, db)) throw appError('category_exists', { id });
      const content: NodeContent = {
        id,
        level: parentId ? 2 : 1,
        parentId,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        position: input.position ?? (await store.nextPosition(parentId, db)),
        status: input.status ?? 'active',
        requirements,
      };
      await writing(() =>
        db.transaction().execute(async (trx) => {
          try {
            await store.insert(newRow(content, clock.now()), trx);
          } catch (err) {
            if (isUniqueViolation(err) && !isUniqueViolation(err, NAME_INDEX))
              throw appError('category_exists', { id });
            throw err;
          }
          await audit.record(
            {
              action: 'category.created',
              actorType: 'operator',
              actorId: actor.operatorId,
              targetType: 'category',
              targetId: id,
              ip: actor.ip ?? null,
              data: { parentId, depositFen: requirements?.deposit.amountFen ?? null },
            },
            trx,
          );
        }),
      );
      return (await byId(id))!;
    },

    /** Rename, move, re-order, change requirements or deposit, disable/enable — at `version`. */
    async update(actor: Actor, id: string, input: UpdateInput): Promise<CategoryNode> {
      await requireAdmin(actor.operatorId);
      const current = await byId(id);
      if (!current) throw appError('category_not_found');
      if (current.level === 1 && input.requirements)
        throw appError('category_requirements_invalid', {
          reason: { zh: '一级类目不设要求', en: 'level-1 categories carry no requirements' },
        });
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        if (current.level === 1) throw appError('category_parent_invalid');
        await requireParent(input.parentId);
      }
      const requirements =
        current.level === 2 && input.requirements
          ? mergeRequirements(current.requirements, input.requirements)
          : current.requirements;
      if (input.version !== current.version)
        throw appError('category_version_conflict', { currentVersion: current.version });
      const next: NodeContent = {
        id,
        level: current.level,
        parentId: input.parentId ?? current.parentId,
        nameZh: input.nameZh ?? current.nameZh,
        nameEn: input.nameEn ?? current.nameEn,
        position: input.position ?? current.position,
        status: input.status ?? current.status,
        requirements,
      };
      const changed = (Object.keys(next) as Array<keyof NodeContent>).filter(
        (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
      );
      // Nothing to change: no write, no new version.
      if (changed.length === 0) return current;
      await writing(() =>
        db.transaction().execute(async (trx) => {
          if (!(await store.updateIfVersion(id, input.version, next, clock.now(), trx))) {
            const now = await store.byId(id, trx);
            throw appError('category_version_conflict', { currentVersion: now?.version ?? null });
          }
          await audit.record(
            {
              action: 'category.updated',
              actorType: 'operator',
              actorId: actor.operatorId,
              targetType: 'category',
              targetId: id,
              ip: actor.ip ?? null,
              data: {
                changed,
                version: input.version + 1,
                ...(changed.includes('requirements')
                  ? {
                      depositFen: {
                        from: current.requirements?.deposit.amountFen ?? null,
                        to: requirements?.deposit.amountFen ?? null,
                      },
                    }
                  : {}),
              },
            },
            trx,
          );
        }),
      );
      return (await byId(id))!;
    },
  };
}

export type CategoriesService = ReturnType<typeof createCategoriesService>;
