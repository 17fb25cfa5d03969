import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIssues, type TreeFile, treeFileSchema } from './categories.schema.js';
import type { NodeContent } from './categories.store.js';

/**
 * The default tree shipped in data/default-tree.json (SHOP-2: "a sensible default"), in the same
 * format `kaidian categories import` reads. Migration 0013 loads it into an empty database.
 */
export const DEFAULT_TREE_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'data',
  'default-tree.json',
);

/** Parses a tree file's JSON text; throws with one line per problem. */
export function parseTreeFile(text: string): TreeFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
  const r = treeFileSchema.safeParse(json);
  if (!r.success) throw new Error(`invalid category tree:\n  ${describeIssues(r.error).join('\n  ')}`);
  return r.data;
}

export function loadDefaultTree(): TreeFile {
  return parseTreeFile(fs.readFileSync(DEFAULT_TREE_FILE, 'utf8'));
}

/** Level-1 nodes then their children, positions from the file's order. */
export function flattenTree(file: TreeFile): NodeContent[] {
  const out: NodeContent[] = [];
  file.categories.forEach((p, i) => {
    out.push({
      id: p.id,
      level: 1,
      parentId: null,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      position: i,
      status: p.status,
      requirements: null,
    });
  });
  for (const p of file.categories) {
    p.children.forEach((c, j) => {
      out.push({
        id: c.id,
        level: 2,
        parentId: p.id,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        position: j,
        status: c.status,
        requirements: c.requirements,
      });
    });
  }
  return out;
}
