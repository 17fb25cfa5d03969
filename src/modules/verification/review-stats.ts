import { sql } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db.js';

/**
 * Review statistics for the operations console dashboard (KYC-8/10). Plain SQL that runs the same on
 * SQLite and PostgreSQL: times are bigint epoch ms, days are Asia/Shanghai calendar days computed by
 * integer division (both databases truncate bigint / bigint, and the values are positive).
 *
 * - **Funnel**: the cases created in the window, and how many of them ever reached each stage
 *   (distinct cases per state-machine event, so a case rejected for retry and later approved counts
 *   in both).
 * - **SLA attainment**: every reviewer decision (approve, reject, request more material) taken in
 *   the window, on time when it came within the case's SLA. A case's row holds the SLA of its latest
 *   submission; a decision of an earlier round is measured against that round's own submission time
 *   with the same allowed duration (the SLA of a kind does not change between rounds, up to weekends).
 * - **Open**: cases waiting for review now, and those already past their SLA.
 */

export const SLA_KINDS = ['personal', 'enterprise', 'cross_border'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const REVIEW_DECISIONS = ['approve', 'reject_retry', 'reject_final', 'request_info'] as const;

export type Funnel = {
  created: number;
  submitted: number;
  autoApproved: number;
  autoRejected: number;
  pendingReview: number;
  approved: number;
  rejectedRetry: number;
  rejectedFinal: number;
  moreInfoRequested: number;
  withdrawn: number;
};

type Counts = { onTime: number; late: number };
export type SlaDay = Counts & { date: string; kinds: Record<SlaKind, Counts> };
export type SlaKindRow = Counts & {
  kind: SlaKind;
  /** onTime / (onTime + late), or null when nothing was decided. */
  attainment: number | null;
  open: number;
  breaching: number;
};

export type ReviewStats = {
  days: number;
  since: string;
  until: string;
  funnel: Funnel;
  /** The current status of the cases created in the window. */
  statuses: Record<string, number>;
  sla: {
    total: Counts & { attainment: number | null; open: number; breaching: number };
    byKind: SlaKindRow[];
    daily: SlaDay[];
  };
};

const shanghaiDate = (dayIndex: number) => new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
const dayIndexOf = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
const attainment = (c: Counts) => (c.onTime + c.late === 0 ? null : c.onTime / (c.onTime + c.late));
const zero = (): Counts => ({ onTime: 0, late: 0 });

export function createReviewStats(db: Db, clock: Clock) {
  /** `personal` | `enterprise` | `cross_border` (a cross-border case has its own SLA, KYC-8). */
  const slaKind = sql<SlaKind>`case when c.cross_border = 1 then 'cross_border' else c.kind end`;

  async function funnel(since: number): Promise<{ funnel: Funnel; statuses: Record<string, number> }> {
    const created = await db
      .selectFrom('verification_cases as c')
      .select(['c.status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('c.created_at', '>=', since)
      .groupBy('c.status')
      .execute();
    const reached = await db
      .selectFrom('verification_events as e')
      .innerJoin('verification_cases as c', 'c.id', 'e.case_id')
      .select(['e.event', (eb) => eb.fn.count<number | string>('e.case_id').distinct().as('n')])
      .where('c.created_at', '>=', since)
      .groupBy('e.event')
      .execute();
    const statuses = Object.fromEntries(created.map((r) => [r.status, Number(r.n)]));
    const by = Object.fromEntries(reached.map((r) => [r.event, Number(r.n)])) as Record<string, number>;
    const n = (e: string) => by[e] ?? 0;
    return {
      statuses,
      funnel: {
        created: Object.values(statuses).reduce((a, b) => a + b, 0),
        submitted: n('submit'),
        autoApproved: n('auto_approve'),
        autoRejected: n('auto_reject_retry') + n('auto_reject_final'),
        pendingReview: n('to_review'),
        approved: n('approve'),
        rejectedRetry: n('reject_retry'),
        rejectedFinal: n('reject_final'),
        moreInfoRequested: n('request_info'),
        withdrawn: n('withdraw'),
      },
    };
  }

  async function decisions(since: number) {
    // The submission that opened the decided round: the latest submit/resubmit at or before it.
    const roundStart = sql<number>`(select max(s.at) from verification_events s where s.case_id = e.case_id and s.event in ('submit', 'resubmit') and s.at <= e.at)`;
    const day = sql<number | string>`(e.at + ${sql.lit(SHANGHAI_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
    const onTime = sql<number>`case when e.at - ${roundStart} <= c.sla_due_at - c.submitted_at then 1 else 0 end`;
    return db
      .selectFrom('verification_events as e')
      .innerJoin('verification_cases as c', 'c.id', 'e.case_id')
      .select([
        day.as('day'),
        slaKind.as('kind'),
        sql<number | string>`sum(${onTime})`.as('on_time'),
        sql<number | string>`sum(1 - ${onTime})`.as('late'),
      ])
      .where('e.at', '>=', since)
      .where('e.event', 'in', [...REVIEW_DECISIONS])
      .where('c.sla_due_at', 'is not', null)
      .where('c.submitted_at', 'is not', null)
      .groupBy([day, slaKind])
      .execute();
  }

  async function open(now: number) {
    return db
      .selectFrom('verification_cases as c')
      .select([
        slaKind.as('kind'),
        (eb) => eb.fn.countAll<number | string>().as('open'),
        sql<number | string>`sum(case when c.sla_due_at < ${now} then 1 else 0 end)`.as('breaching'),
      ])
      .where('c.status', '=', 'pending_review')
      .groupBy(slaKind)
      .execute();
  }

  return {
    async stats(days: number): Promise<ReviewStats> {
      const now = clock.now();
      const firstDay = dayIndexOf(now) - days + 1;
      const since = firstDay * DAY_MS - SHANGHAI_OFFSET_MS;
      const [f, decided, waiting] = await Promise.all([funnel(since), decisions(since), open(now)]);

      const daily = new Map<number, SlaDay>();
      for (let d = firstDay; d <= dayIndexOf(now); d++) {
        daily.set(d, {
          date: shanghaiDate(d),
          ...zero(),
          kinds: { personal: zero(), enterprise: zero(), cross_border: zero() },
        });
      }
      const byKind = new Map<SlaKind, SlaKindRow>(
        SLA_KINDS.map((k) => [k, { kind: k, ...zero(), attainment: null, open: 0, breaching: 0 }]),
      );
      for (const r of decided) {
        const kind = r.kind as SlaKind;
        const onTimeN = Number(r.on_time);
        const lateN = Number(r.late);
        const d = daily.get(Number(r.day));
        if (d) {
          d.onTime += onTimeN;
          d.late += lateN;
          d.kinds[kind].onTime += onTimeN;
          d.kinds[kind].late += lateN;
        }
        const k = byKind.get(kind);
        if (k) {
          k.onTime += onTimeN;
          k.late += lateN;
        }
      }
      for (const r of waiting) {
        const k = byKind.get(r.kind as SlaKind);
        if (k) {
          k.open = Number(r.open);
          k.breaching = Number(r.breaching ?? 0);
        }
      }
      const rows = [...byKind.values()].map((k) => ({ ...k, attainment: attainment(k) }));
      const total = rows.reduce(
        (t, k) => ({
          onTime: t.onTime + k.onTime,
          late: t.late + k.late,
          open: t.open + k.open,
          breaching: t.breaching + k.breaching,
        }),
        { onTime: 0, late: 0, open: 0, breaching: 0 },
      );
      return {
        days,
        since: new Date(since).toISOString(),
        until: new Date(now).toISOString(),
        funnel: f.funnel,
        statuses: f.statuses,
        sla: { total: { ...total, attainment: attainment(total) }, byKind: rows, daily: [...daily.values()] },
      };
    },
  };
}

export type ReviewStatsService = ReturnType<typeof createReviewStats>;
