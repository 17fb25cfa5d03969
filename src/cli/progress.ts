/**
 * A small progress line on stderr for long CLI jobs (DESIGN: progress bars), with no dependency:
 * on a terminal one line redrawn in place (`[#####.....] 45/90  50%  cat_digital_laptops`); in a
 * pipe or a log a plain line at every 10 % and at the end, so logs stay short.
 */
export type ProgressOut = { write(s: string): unknown; isTTY?: boolean; columns?: number };

export function createProgress(opts: { total: number; label: string; out?: ProgressOut; width?: number }) {
  const out = opts.out ?? process.stderr;
  const tty = !!out.isTTY;
  const width = opts.width ?? 24;
  const total = Math.max(0, opts.total);
  let lastDecile = -1;
  let lastDraw = 0;
  let finished = false;

  const line = (done: number, note: string) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    const pct = `${Math.floor(ratio * 100)}%`.padStart(4);
    return `${opts.label} [${bar}] ${done}/${total} ${pct}${note ? `  ${note}` : ''}`;
  };

  return {
    update(done: number, note = ''): void {
      if (finished) return;
      if (tty) {
        const now = Date.now();
        // Redraw at most every 50 ms, but always show the last step.
        if (done < total && now - lastDraw < 50) return;
        lastDraw = now;
        const text = line(done, note).slice(0, Math.max(20, (out.columns ?? 100) - 1));
        out.write(`\r\x1b[2K${text}`);
        return;
      }
      const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        out.write(`${line(done, note)}\n`);
      }
    },
    /** Ends the line (terminal) or prints the final count if it was not printed yet. */
    done(): void {
      if (finished) return;
      if (tty) out.write('\n');
      else if (lastDecile < 10) out.write(`${line(total, '')}\n`);
      finished = true;
    },
  };
}
