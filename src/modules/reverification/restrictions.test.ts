import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { restrictionOf } from './restrictions.js';
import type { ReverificationStatus } from './reverification.store.js';

const NOW = 1_000_000;
const both = ['no_new_listings', 'withdrawals_frozen'] as const;
const row = (status: ReverificationStatus, dueAt: number, lastFailedAt: number | null = null) => ({
  status,
  due_at: dueAt,
  last_failed_at: lastFailedAt,
});

describe('restrictionOf', () => {
  it.each([
    ['nothing open', [], []],
    ['due, not yet due', [row('due', NOW + 1)], []],
    ['due, time passed but not yet marked', [row('due', NOW)], ['reverification_overdue']],
    ['overdue', [row('overdue', NOW - 1)], ['reverification_overdue']],
    ['in progress after falling due', [row('in_progress', NOW - 1)], ['reverification_overdue']],
    ['in progress in time', [row('in_progress', NOW + 1)], []],
    ['failed', [row('failed', NOW + 1, NOW - 5)], ['reverification_failed']],
    ['retrying after a failure', [row('in_progress', NOW + 1, NOW - 5)], ['reverification_failed']],
    ['passed', [row('passed', NOW - 1, NOW - 5)], []],
    [
      'failed and another overdue',
      [row('failed', NOW + 1, NOW - 5), row('overdue', NOW - 1)],
      ['reverification_failed', 'reverification_overdue'],
    ],
  ] as const)('%s', (_name, rows, reasons) => {
    const r = restrictionOf([...rows], NOW, both);
    expect(r).toEqual({ restricted: reasons.length > 0, effects: reasons.length ? [...both] : [], reasons });
  });
});

describe('reverification config', () => {
  it('has the documented defaults and parses the effects list', () => {
    expect(loadConfig({}).reverification).toEqual({
      intervalDays: 180,
      graceDays: 7,
      adhocDueHours: 72,
      scanMinutes: 60,
      restrictions: ['no_new_listings', 'withdrawals_frozen'],
    });
    const c = loadConfig({ KAIDIAN_REVERIFY_RESTRICTIONS: ' withdrawals_frozen ,withdrawals_frozen' });
    expect(c.reverification.restrictions).toEqual(['withdrawals_frozen']);
    expect(loadConfig({ KAIDIAN_REVERIFY_RESTRICTIONS: '' }).reverification.restrictions).toEqual([]);
    expect(() => loadConfig({ KAIDIAN_REVERIFY_RESTRICTIONS: 'no_logins' })).toThrow(
      /KAIDIAN_REVERIFY_RESTRICTIONS/,
    );
  });
});
