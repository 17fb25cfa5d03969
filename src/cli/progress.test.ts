import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

const sink = (isTTY: boolean) => {
  const writes: string[] = [];
  return { out: { isTTY, columns: 80, write: (s: string) => writes.push(s) }, writes };
};

describe('CLI progress line', () => {
  it('in a pipe prints the first line, one at every tenth and the end, never more', () => {
    const { out, writes } = sink(false);
    const bar = createProgress({ total: 90, label: 'importing', out, width: 10 });
    for (let i = 1; i <= 90; i++) bar.update(i, `cat_${i}`);
    bar.done();
    expect(writes.length).toBe(11);
    expect(writes.at(-1)).toBe('importing [##########] 90/90 100%  cat_90\n');
    expect(writes[5]).toMatch(/^importing \[#####\.{5}\] 45\/90 {2}50%/);
  });

  it('on a terminal redraws one line in place and ends it', () => {
    const { out, writes } = sink(true);
    const bar = createProgress({ total: 3, label: 'x', out, width: 4 });
    bar.update(3, 'last');
    bar.done();
    bar.update(3);
    expect(writes).toEqual(['\r\x1b[2Kx [####] 3/3 100%  last', '\n']);
  });

  it('an empty job still ends with a final line', () => {
    const { out, writes } = sink(false);
    createProgress({ total: 0, label: 'x', out, width: 2 }).done();
    expect(writes).toEqual(['x [##] 0/0 100%\n']);
  });
});
