import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsClamped, parseIsoDate } from './civil-date.js';
import { checkDocumentValidity, isLongTerm } from './document-expiry.js';
import { refAddDays, refAddMonths, refShanghaiDay } from './reference-checks.testing.js';

/** Noon in Asia/Shanghai on the given calendar day. */
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);
const check = (today: string, validUntil: string, minMonths?: number) =>
  checkDocumentValidity({ validUntil, today: noon(today), minMonths });

describe('checkDocumentValidity', () => {
  it.each([
    ['2026-11-30', '2027-02-28', 'month end clamps to 28 February'],
    ['2027-11-30', '2028-02-29', 'month end clamps to 29 February in a leap year'],
    ['2026-08-31', '2026-11-30', '31st into a 30-day month'],
    ['2026-12-15', '2027-03-15', 'across the year end'],
    ['2026-01-31', '2026-04-30', '31 January'],
    ['2026-06-15', '2026-09-15', 'ordinary day'],
  ])('today %s: ok from %s on (%s)', (today, required) => {
    expect(check(today, required)).toEqual({ ok: true });
    expect(check(today, refAddDays(required, 1))).toEqual({ ok: true });
    expect(check(today, refAddDays(required, -1))).toEqual({
      ok: false,
      reason: 'expires_soon',
      validUntil: refAddDays(required, -1),
      requiredUntil: required,
    });
  });

  it('expired before today, expires_soon from today on', () => {
    expect(check('2026-06-15', '2026-06-14')).toMatchObject({ ok: false, reason: 'expired' });
    expect(check('2026-06-15', '2020-01-01')).toMatchObject({ ok: false, reason: 'expired' });
    expect(check('2026-06-15', '2026-06-15')).toMatchObject({ ok: false, reason: 'expires_soon' });
  });

  it('long-term documents (长期) always pass', () => {
    expect(check('2026-06-15', 'long_term')).toEqual({ ok: true });
    expect(check('2026-06-15', '长期')).toEqual({ ok: true });
    expect(check('2026-06-15', ' long_term ')).toEqual({ ok: true });
    expect(isLongTerm('长期')).toBe(true);
    expect(isLongTerm('2026-06-15')).toBe(false);
  });

  it('honours minMonths', () => {
    expect(check('2026-06-15', '2026-06-15', 0)).toEqual({ ok: true });
    expect(check('2026-06-15', '2026-06-14', 0)).toMatchObject({ ok: false, reason: 'expired' });
    expect(check('2026-06-15', '2026-12-15', 6)).toEqual({ ok: true });
    expect(check('2026-06-15', '2026-12-14', 6)).toMatchObject({ ok: false, requiredUntil: '2026-12-15' });
    expect(check('2028-02-29', '2029-02-28', 12)).toEqual({ ok: true });
  });

  it('computes today in Asia/Shanghai, not UTC', () => {
    // 2026-05-31T16:00Z is already 1 June in Shanghai: the threshold is 1 September, not 31 August.
    const at = (iso: string) => checkDocumentValidity({ validUntil: '2026-08-31', today: new Date(iso) });
    expect(at('2026-05-31T15:59:59Z')).toEqual({ ok: true });
    expect(at('2026-05-31T16:00:00Z')).toEqual({
      ok: false,
      reason: 'expires_soon',
      validUntil: '2026-08-31',
      requiredUntil: '2026-09-01',
    });
  });

  it.each([
    ['2027-02-30', 'not a real date'],
    ['2027/02/28', 'slashes'],
    ['20270228', 'compact'],
    ['', 'empty'],
    ['forever', 'unknown word'],
  ])('throws on validUntil %j (%s)', (validUntil) => {
    expect(() => check('2026-06-15', validUntil)).toThrow(RangeError);
  });

  it('throws on a bad minMonths or today', () => {
    expect(() => check('2026-06-15', '2030-01-01', -1)).toThrow(RangeError);
    expect(() => check('2026-06-15', '2030-01-01', 1.5)).toThrow(RangeError);
    expect(() => checkDocumentValidity({ validUntil: '2030-01-01', today: new Date('nope') })).toThrow(
      RangeError,
    );
  });
});

describe('addMonthsClamped', () => {
  it('goes backwards too', () => {
    expect(addMonthsClamped({ year: 2026, month: 3, day: 31 }, -1)).toEqual({
      year: 2026,
      month: 2,
      day: 28,
    });
    expect(addMonthsClamped({ year: 2026, month: 1, day: 15 }, -13)).toEqual({
      year: 2024,
      month: 12,
      day: 15,
    });
  });

  it('parseIsoDate refuses impossible dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
    expect(parseIsoDate('2026-00-10')).toBeNull();
  });
});

describe('document validity properties', () => {
  // Instants from 2000 to 2100 (after China's last daylight-saving year), validUntil within ±15 months.
  const instant = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
    .map((ms) => new Date(ms));
  const offset = fc.integer({ min: -450, max: 450 });
  const months = fc.integer({ min: 0, max: 24 });

  it('ok exactly when validUntil ≥ today + minMonths (reference: ICU time zone + Date month arithmetic)', () => {
    fc.assert(
      fc.property(instant, offset, months, (today, days, minMonths) => {
        const day = refShanghaiDay(today);
        const required = refAddMonths(day, minMonths);
        const validUntil = refAddDays(required, days);
        const r = checkDocumentValidity({ validUntil, today, minMonths });
        if (validUntil >= required) {
          expect(r).toEqual({ ok: true });
        } else {
          const reason = validUntil < day ? 'expired' : 'expires_soon';
          expect(r).toEqual({ ok: false, reason, validUntil, requiredUntil: required });
        }
      }),
    );
  });

  it('the default is 3 months, and a later end date never turns a pass into a failure', () => {
    fc.assert(
      fc.property(instant, offset, fc.integer({ min: 1, max: 400 }), (today, days, later) => {
        const validUntil = refAddDays(refShanghaiDay(today), days);
        const r = checkDocumentValidity({ validUntil, today });
        expect(r).toEqual(checkDocumentValidity({ validUntil, today, minMonths: 3 }));
        if (r.ok)
          expect(checkDocumentValidity({ validUntil: refAddDays(validUntil, later), today }).ok).toBe(true);
      }),
    );
  });
});
