import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Clock } from './clock.js';
import { type Db, precompiled, precompiledInsert } from './db.js';
import type { Database } from './db-schema.js';
import { newId } from './ids.js';

/**
 * Tamper-evident audit log (SEC-3): every event carries the hash of its predecessor, and its own
 * hash covers its content and that link. Appends take the row lock of `audit_head`, so concurrent
 * writers on several nodes still produce one linear chain. `verifyChain` recomputes it.
 * Event data must never hold PII in clear: pass ids, masked values or blind indexes.
 */

declare module './db-schema.js' {
  interface Database {
    audit_events: {
      seq: number;
      id: string;
      at: number;
      action: string;
      actor_type: string;
      actor_id: string | null;
      target_type: string | null;
      target_id: string | null;
      ip: string | null;
      data: string;
      prev_hash: string;
      hash: string;
    };
    audit_head: { id: number; seq: number; hash: string };
  }
}

export type AuditInput = {
  action: string;
  actorType: 'merchant' | 'operator' | 'sub_account' | 'system' | 'anonymous' | 'integrator';
  actorId?: string | null | undefined;
  targetType?: string | null | undefined;
  targetId?: string | null | undefined;
  ip?: string | null | undefined;
  data?: Record<string, unknown> | undefined;
};

type Row = Database['audit_events'];

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function eventHash(row: Omit<Row, 'hash'>): string {
  const { seq, id, at, action, actor_type, actor_id, target_type, target_id, ip, data, prev_hash } = row;
  const body = canonical({ seq, id, at, action, actor_type, actor_id, target_type, target_id, ip, data });
  return createHash('sha256').update(`${prev_hash}\n${body}`).digest('hex');
}

export type Audit = ReturnType<typeof createAudit>;

const EVENT_COLUMNS = [
  'seq',
  'id',
  'at',
  'action',
  'actor_type',
  'actor_id',
  'target_type',
  'target_id',
  'ip',
  'data',
  'prev_hash',
  'hash',
] as const satisfies ReadonlyArray<keyof Row>;

export function createAudit(db: Db, clock: Clock) {
  // Every sign-in and most writes append: the three statements are compiled once.
  const claimHead = precompiled(
    db,
    db
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash']),
  );
  const insertEvent = precompiledInsert(db, 'audit_events', EVENT_COLUMNS);
  const setHeadHash = precompiled(db, db.updateTable('audit_head').set({ hash: '' }).where('id', '=', 1));

  async function append(trx: Transaction<Database>, input: AuditInput): Promise<void> {
    // Claim the head first (a write), so two appenders serialise on its row lock.
    const [head] = await claimHead([], trx);
    if (!head) throw new Error('audit_head is missing');
    const row: Omit<Row, 'hash'> = {
      seq: head.seq,
      id: newId('aud'),
      at: clock.now(),
      action: input.action,
      actor_type: input.actorType,
      actor_id: input.actorId ?? null,
      target_type: input.targetType ?? null,
      target_id: input.targetId ?? null,
      ip: input.ip ?? null,
      data: canonical(input.data ?? {}),
      prev_hash: head.hash,
    };
    const hash = eventHash(row);
    await insertEvent({ ...row, hash }, trx);
    await setHeadHash([hash], trx);
  }

  return {
    /** Records an event inside the caller's transaction, or in its own. */
    async record(input: AuditInput, trx?: Transaction<Database>): Promise<void> {
      if (trx) return append(trx, input);
      await db.transaction().execute((t) => append(t, input));
    },

    /** Recomputes the chain; returns the first broken sequence number, or null when intact. */
    async verifyChain(): Promise<{ ok: true; count: number } | { ok: false; brokenAt: number }> {
      let prev = '0'.repeat(64);
      let count = 0;
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_events')
          .selectAll()
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(1000)
          .execute();
        if (rows.length === 0) break;
        for (const r of rows) {
          const { hash, ...rest } = r;
          if (r.prev_hash !== prev || eventHash(rest) !== hash) return { ok: false, brokenAt: r.seq };
          prev = hash;
          count++;
          after = r.seq;
        }
      }
      const head = await db
        .selectFrom('audit_head')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      if (head.hash !== prev) return { ok: false, brokenAt: head.seq };
      return { ok: true, count };
    },

    async list(filter: { actorId?: string; targetId?: string; action?: string; limit?: number }) {
      let q = db
        .selectFrom('audit_events')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(filter.limit ?? 100);
      if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
      if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
      if (filter.action) q = q.where('action', '=', filter.action);
      return q.execute();
    },
  };
}
