/**
 * Multi-pattern matching (Aho–Corasick) for the shop-name word lists: one pass over the text finds
 * every occurrence of every term, whatever the number of terms. Works on UTF-16 code units, so
 * CJK text needs no segmentation and a surrogate pair is just two steps.
 *
 * Layout for speed: nodes are integers; the goto function is one Map keyed by
 * `node * 65536 + codeUnit`, failure links and output links are Int32Arrays, so a step of the scan
 * is one map lookup (plus failure hops on a miss).
 */

export type Match<T> = { term: string; value: T; start: number; end: number };

export type Matcher<T> = {
  /** Every occurrence, ordered by end position, then longest first. */
  findAll(text: string): Array<Match<T>>;
  /** The first occurrence ending earliest (longest of those), or null — stops scanning there. */
  findFirst(text: string): Match<T> | null;
  /** Number of distinct terms. */
  readonly size: number;
};

export function createMatcher<T>(entries: Iterable<{ term: string; value: T }>): Matcher<T> {
  const go = new Map<number, number>();
  const terms: string[] = [];
  const values: T[] = [];
  // Per node: the term ending exactly here (-1 if none).
  let termAt: number[] = [0];
  termAt[0] = -1;
  let count = 1;

  for (const { term, value } of entries) {
    if (term.length === 0) continue;
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const key = node * 65536 + term.charCodeAt(i);
      let next = go.get(key);
      if (next === undefined) {
        next = count++;
        go.set(key, next);
        termAt[next] = -1;
      }
      node = next;
    }
    if (termAt[node] === -1) {
      termAt[node] = terms.length;
      terms.push(term);
      values.push(value);
    }
  }

  // Children lists for the breadth-first pass.
  const children: Array<Array<[number, number]>> = Array.from({ length: count }, () => []);
  for (const [key, child] of go) {
    const parent = Math.floor(key / 65536);
    children[parent]!.push([key % 65536, child]);
  }
  const fail = new Int32Array(count);
  // Output link: nearest proper suffix node (via failure links) that ends a term, or -1.
  const out = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (const [, child] of children[0]!) {
    fail[child] = 0;
    queue.push(child);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi]!;
    for (const [code, child] of children[node]!) {
      let f = fail[node]!;
      let target = go.get(f * 65536 + code);
      while (target === undefined && f !== 0) {
        f = fail[f]!;
        target = go.get(f * 65536 + code);
      }
      const fc = target !== undefined && target !== child ? target : 0;
      fail[child] = fc;
      out[child] = termAt[fc]! !== -1 ? fc : out[fc]!;
      queue.push(child);
    }
  }
  const termOf = Int32Array.from(termAt);
  termAt = [];

  function scan(text: string, first: boolean): Array<Match<T>> {
    const found: Array<Match<T>> = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = go.get(node * 65536 + code);
      while (next === undefined && node !== 0) {
        node = fail[node]!;
        next = go.get(node * 65536 + code);
      }
      node = next ?? 0;
      if (node === 0) continue;
      let hit = termOf[node]! !== -1 ? node : out[node]!;
      while (hit !== -1) {
        const t = termOf[hit]!;
        const term = terms[t]!;
        found.push({ term, value: values[t]!, start: i + 1 - term.length, end: i + 1 });
        if (first) return found;
        hit = out[hit]!;
      }
    }
    return found;
  }

  return {
    findAll: (text) => scan(text, false),
    findFirst: (text) => scan(text, true)[0] ?? null,
    size: terms.length,
  };
}
