import { describe, expect, it } from 'vitest';
import { shanghaiInstant as at, createCalendar } from './calendar.js';
import { CN_2026_2027 } from './cn-2026-2027.js';
import {
  computeSla,
  ESCALATION_AFTER_MS,
  isEscalationEligible,
  remainingTime,
  SLA_TIERS,
  slaStatus,
  slaStatusOf,
} from './sla.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const calendar = createCalendar(CN_2026_2027);

describe('computeSla: personal (2 calendar hours, 24/7)', () => {
  it('is due 2 hours after submission', () => {
    const sla = computeSla({ kind: 'personal', submittedAt: at('2026-03-03', '10:00'), calendar });
    expect(sla).toMatchObject({ basis: 'calendar', targetAt: at('2026-03-03', '12:00') });
    expect(sla.dueAt).toBe(at('2026-03-03', '12:00'));
  });

  it('runs on holidays and through midnight: 23:30 on National Day is due 01:30', () => {
    const sla = computeSla({ kind: 'personal', submittedAt: at('2026-10-01', '23:30'), calendar });
    expect(sla.dueAt).toBe(at('2026-10-02', '01:30'));
    expect(sla.dueAt - sla.submittedAt).toBe(2 * HOUR);
  });
});

describe('computeSla: enterprise (target 1, due 3 business days)', () => {
  it('across a weekend', () => {
    const sla = computeSla({ kind: 'enterprise', submittedAt: at('2026-03-06', '15:00'), calendar });
    expect(sla.targetAt).toBe(at('2026-03-09', '15:00'));
    expect(sla.dueAt).toBe(at('2026-03-11', '15:00'));
  });

  it('across National Day week and the make-up Saturday Oct 10', () => {
    const sla = computeSla({ kind: 'enterprise', submittedAt: at('2026-09-30', '15:00'), calendar });
    expect(sla.targetAt).toBe(at('2026-10-08', '15:00'));
    expect(sla.dueAt).toBe(at('2026-10-10', '15:00'));
  });

  it('across the make-up Saturday Feb 14 and then Spring Festival', () => {
    const sla = computeSla({ kind: 'enterprise', submittedAt: at('2026-02-13', '10:00'), calendar });
    expect(sla.targetAt).toBe(at('2026-02-14', '10:00'));
    expect(sla.dueAt).toBe(at('2026-02-25', '10:00'));
  });

  it('submitted on a holiday: due at the end of the 1st / 3rd business day after it', () => {
    const sla = computeSla({ kind: 'enterprise', submittedAt: at('2026-10-03', '11:00'), calendar });
    expect(calendar.businessDateOf(sla.targetAt)).toBe('2026-10-08');
    expect(sla.targetAt).toBe(at('2026-10-09', '00:00'));
    expect(calendar.businessDateOf(sla.dueAt)).toBe('2026-10-10');
    expect(sla.dueAt).toBe(at('2026-10-11', '00:00'));
  });
});

describe('computeSla: cross-border (5 business days)', () => {
  it('across Spring Festival, counting the make-up Saturday', () => {
    const sla = computeSla({ kind: 'cross_border', submittedAt: at('2026-02-12', '09:30'), calendar });
    // Fri 13, Sat 14 (调休), [Feb 15–23 off], Tue 24, Wed 25, Thu 26.
    expect(sla.dueAt).toBe(at('2026-02-26', '09:30'));
    expect(sla.targetAt).toBe(sla.dueAt);
  });

  it('submitted during Spring Festival: end of the make-up Saturday Feb 28', () => {
    const sla = computeSla({ kind: 'cross_border', submittedAt: at('2026-02-16', '12:00'), calendar });
    expect(calendar.businessDateOf(sla.dueAt)).toBe('2026-02-28');
    expect(sla.dueAt).toBe(at('2026-03-01', '00:00'));
  });
});

describe('computeSla: configuration and input checks', () => {
  it('takes overridden tiers', () => {
    const tiers = { ...SLA_TIERS, personal: { basis: 'calendar', targetHours: 1, dueHours: 4 } } as const;
    const sla = computeSla({ kind: 'personal', submittedAt: at('2026-03-03', '10:00'), calendar, tiers });
    expect([sla.targetAt, sla.dueAt]).toEqual([at('2026-03-03', '11:00'), at('2026-03-03', '14:00')]);
  });

  it('refuses an unknown kind and a non-finite submittedAt', () => {
    const kind = 'overseas' as 'personal';
    expect(() => computeSla({ kind, submittedAt: 0, calendar })).toThrow(/unknown verification kind/);
    expect(() => computeSla({ kind: 'personal', submittedAt: Number.NaN, calendar })).toThrow(RangeError);
  });
});

describe('48-hour escalation (KYC-8)', () => {
  it.each(['personal', 'enterprise', 'cross_border'] as const)(
    '%s: eligible 48 calendar hours on',
    (kind) => {
      const submittedAt = at('2026-09-30', '15:00');
      const sla = computeSla({ kind, submittedAt, calendar });
      expect(sla.escalationEligibleAt).toBe(at('2026-10-02', '15:00')); // mid-holiday: calendar hours
      expect(sla.escalationEligibleAt - submittedAt).toBe(ESCALATION_AFTER_MS);
    },
  );

  it('opens exactly at 48 hours, only while undecided', () => {
    const { escalationEligibleAt } = computeSla({
      kind: 'enterprise',
      submittedAt: at('2026-03-06'),
      calendar,
    });
    expect(isEscalationEligible({ escalationEligibleAt, now: escalationEligibleAt - 1 })).toBe(false);
    expect(isEscalationEligible({ escalationEligibleAt, now: escalationEligibleAt })).toBe(true);
    expect(isEscalationEligible({ escalationEligibleAt, now: escalationEligibleAt + 5 * HOUR })).toBe(true);
    const decidedAt = escalationEligibleAt - HOUR;
    expect(isEscalationEligible({ escalationEligibleAt, now: escalationEligibleAt, decidedAt })).toBe(false);
  });
});

describe('slaStatus, moving the clock', () => {
  it('personal: on_track → at_risk (<20 % = 24 min left) → breached; met / missed', () => {
    const submittedAt = at('2026-03-03', '10:00');
    const { dueAt } = computeSla({ kind: 'personal', submittedAt, calendar });
    let now = submittedAt;
    const status = (decidedAt?: number) => slaStatus({ submittedAt, dueAt, now, decidedAt });
    expect(status()).toBe('on_track');
    now += 96 * MINUTE; // 11:36, exactly 24 min (20 %) left
    expect(status()).toBe('on_track');
    now += 1;
    expect(status()).toBe('at_risk');
    now = dueAt;
    expect(status()).toBe('at_risk');
    now += 1;
    expect(status()).toBe('breached');
    expect(status(dueAt)).toBe('met');
    expect(status(dueAt + 1)).toBe('missed');
    expect(status(submittedAt + MINUTE)).toBe('met');
  });

  it('enterprise over National Day, in business time: the holiday does not count as time left', () => {
    const submittedAt = at('2026-09-30', '15:00');
    const sla = computeSla({ kind: 'enterprise', submittedAt, calendar }); // due Oct 10 15:00, 72 business h
    const status = (now: number) => slaStatusOf(sla, now, calendar);
    expect(status(at('2026-10-05', '12:00'))).toBe('on_track');
    expect(status(at('2026-10-09', '12:00'))).toBe('on_track');
    // 20 % of 72 h = 14 h 24 min: at risk from Oct 10 00:36.
    expect(status(at('2026-10-10', '00:36'))).toBe('on_track');
    expect(status(at('2026-10-10', '00:36') + 1)).toBe('at_risk');
    expect(status(sla.dueAt)).toBe('at_risk');
    expect(status(sla.dueAt + 1)).toBe('breached');
    expect(slaStatusOf(sla, sla.dueAt + HOUR, calendar, at('2026-10-09', '10:00'))).toBe('met');
    expect(slaStatusOf(sla, sla.dueAt + HOUR, calendar, sla.dueAt + MINUTE)).toBe('missed');
  });

  it('without a calendar the same window is measured in calendar time (at risk 48 h before due)', () => {
    const submittedAt = at('2026-09-30', '15:00');
    const dueAt = at('2026-10-10', '15:00');
    expect(slaStatus({ submittedAt, dueAt, now: at('2026-10-08', '15:00') })).toBe('on_track');
    expect(slaStatus({ submittedAt, dueAt, now: at('2026-10-08', '15:01') })).toBe('at_risk');
  });

  it('personal SLAs ignore the business calendar even on a holiday', () => {
    const sla = computeSla({ kind: 'personal', submittedAt: at('2026-10-01', '23:30'), calendar });
    expect(slaStatusOf(sla, at('2026-10-02', '00:30'), calendar)).toBe('on_track');
    expect(slaStatusOf(sla, at('2026-10-02', '01:20'), calendar)).toBe('at_risk');
    expect(slaStatusOf(sla, at('2026-10-02', '01:31'), calendar)).toBe('breached');
  });

  it('a zero-length window is at risk until it is breached', () => {
    const t = at('2026-03-03', '10:00');
    expect(slaStatus({ submittedAt: t, dueAt: t, now: t })).toBe('at_risk');
  });
});

describe('remainingTime', () => {
  it('splits the countdown into parts', () => {
    const now = at('2026-03-03', '10:00');
    const dueAt = now + 26 * HOUR + 3 * MINUTE + 4_500;
    expect(remainingTime(dueAt, now)).toEqual({
      ms: 26 * HOUR + 3 * MINUTE + 4_500,
      overdue: false,
      days: 1,
      hours: 2,
      minutes: 3,
      seconds: 4,
    });
  });

  it('counts up once overdue', () => {
    const dueAt = at('2026-03-03', '12:00');
    expect(remainingTime(dueAt, dueAt)).toMatchObject({ ms: 0, overdue: false });
    expect(remainingTime(dueAt, dueAt + 90 * MINUTE)).toMatchObject({ overdue: true, hours: 1, minutes: 30 });
  });
});
