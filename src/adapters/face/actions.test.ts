import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkActionSequence, detectActionEvents, frameSignals, MIN_FRAMES, toFaceFrame } from './actions.js';
import { ACTIONS, type Action } from './face.js';
import { NEUTRAL_FACE, perform, renderFace } from './synthetic-face.js';

const NEUTRAL = { yaw: 0, pitch: 0, blink: 0, mouth: 0 };
const PLACE = { cx: 500, cy: 400, scale: 100, roll: 0 };

describe('frame signals', () => {
  it('are invariant to position, scale and in-plane roll', () => {
    const a = frameSignals(renderFace(NEUTRAL, PLACE), 0);
    const b = frameSignals(renderFace(NEUTRAL, { cx: 90, cy: 1300, scale: 37, roll: 0.4 }), 0);
    expect(a).toBeDefined();
    for (const k of ['ear', 'mar', 'yaw', 'pitch'] as const)
      expect(b?.[k]).toBeCloseTo(a?.[k] ?? Number.NaN, 6);
    const q = toFaceFrame(renderFace(NEUTRAL, { ...PLACE, roll: -0.3 }));
    expect(q?.[8]?.x).toBeCloseTo(NEUTRAL_FACE[8]?.[0] ?? 0, 2);
  });

  it('move the way each action says', () => {
    const base = frameSignals(renderFace(NEUTRAL, PLACE), 0)!;
    const of = (p: Partial<typeof NEUTRAL>) => frameSignals(renderFace({ ...NEUTRAL, ...p }, PLACE), 0)!;
    expect(of({ blink: 1 }).ear).toBeLessThan(base.ear * 0.3);
    expect(of({ mouth: 1 }).mar).toBeGreaterThan(0.6);
    expect(of({ yaw: 0.4 }).yaw - base.yaw).toBeGreaterThan(0.5);
    expect(of({ yaw: -0.4 }).yaw - base.yaw).toBeLessThan(-0.5);
    expect(of({ pitch: 0.3 }).pitch - base.pitch).toBeGreaterThan(0.06);
    // opening the mouth lowers the chin: the pitch proxy falls, so it never reads as a nod
    expect(of({ mouth: 1 }).pitch).toBeLessThan(base.pitch);
  });

  it('reject frames without a 68-point face', () => {
    expect(frameSignals([], 0)).toBeUndefined();
    expect(frameSignals(renderFace(NEUTRAL, PLACE).slice(0, 67), 0)).toBeUndefined();
    expect(frameSignals(renderFace(NEUTRAL, { ...PLACE, scale: Number.NaN }), 0)).toBeUndefined();
  });
});

describe('checkActionSequence', () => {
  const all: Action[] = ['blink', 'shake_head', 'nod', 'open_mouth'];

  it('accepts the expected actions in the expected order', () => {
    const frames = perform(all, { seed: 7 });
    const events = detectActionEvents(frames);
    expect(events.map((e) => e.action)).toEqual(all);
    for (const e of events) expect(e.end).toBeGreaterThanOrEqual(e.start);
    expect(checkActionSequence(frames, all)).toEqual({ ok: true, detected: all });
  });

  it('allows other movement between the expected actions', () => {
    const frames = perform(['nod', 'blink', 'open_mouth', 'shake_head'], { seed: 8 });
    expect(checkActionSequence(frames, ['nod', 'shake_head'])).toMatchObject({ ok: true });
  });

  it('reports wrong_order when all actions happen but out of order', () => {
    const frames = perform(['open_mouth', 'nod', 'blink'], { seed: 9 });
    const r = checkActionSequence(frames, ['blink', 'nod', 'open_mouth']);
    expect(r).toEqual({ ok: false, detected: ['open_mouth', 'nod', 'blink'], reason: 'wrong_order' });
  });

  it('reports missing_action when an expected action never happens', () => {
    const frames = perform(['blink', 'nod'], { seed: 10 });
    const r = checkActionSequence(frames, ['blink', 'nod', 'open_mouth']);
    expect(r).toEqual({ ok: false, detected: ['blink', 'nod'], reason: 'missing_action' });
  });

  it('finds nothing in a static face with jitter and idle sway', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const frames = perform([], { seed, noise: 0.012 });
      expect(detectActionEvents(frames)).toEqual([]);
      expect(checkActionSequence(frames, ['blink'])).toEqual({
        ok: false,
        detected: [],
        reason: 'missing_action',
      });
    }
  });

  it('ignores slight movements below the thresholds', () => {
    const frames = perform(['shake_head', 'nod'], { seed: 11, yawAmp: 0.08, pitchAmp: 0.08 });
    expect(detectActionEvents(frames)).toEqual([]);
  });

  it('reports too_few_frames and no_face', () => {
    const frames = perform(all, { seed: 12 });
    expect(checkActionSequence(frames.slice(0, MIN_FRAMES - 1), all).reason).toBe('too_few_frames');
    const blank = frames.map((f) => ({ t: f.t, landmarks: [] }));
    expect(checkActionSequence(blank, all)).toEqual({ ok: false, detected: [], reason: 'no_face' });
    // the face lost in 40% of the frames
    const lossy = frames.map((f, i) => (i % 5 < 2 ? { t: f.t, landmarks: [] } : f));
    expect(checkActionSequence(lossy, all).reason).toBe('no_face');
  });

  it('tolerates a few frames without a face and frames out of time order', () => {
    const frames = perform(all, { seed: 13 }).map((f, i) => (i % 10 === 5 ? { t: f.t, landmarks: [] } : f));
    const shuffled = [...frames].reverse();
    expect(checkActionSequence(shuffled, all)).toEqual({ ok: true, detected: all });
  });

  it('property: any order of any actions, at any frame rate, size and roll, is detected exactly', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...ACTIONS], { minLength: 1, maxLength: 4 }),
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
          fps: fc.integer({ min: 12, max: 30 }),
          scale: fc.double({ min: 40, max: 400, noNaN: true }),
          roll: fc.double({ min: -0.35, max: 0.35, noNaN: true }),
          yawAmp: fc.double({ min: 0.35, max: 0.7, noNaN: true }),
          pitchAmp: fc.double({ min: 0.3, max: 0.5, noNaN: true }),
        }),
        (order, o) => {
          const frames = perform(order, {
            ...o,
            placement: { cx: 600, cy: 500, scale: o.scale, roll: o.roll },
          });
          const r = checkActionSequence(frames, order);
          expect(r).toEqual({ ok: true, detected: order });
        },
      ),
      { numRuns: 150 },
    );
  });
});
