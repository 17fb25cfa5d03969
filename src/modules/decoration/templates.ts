import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Template, templateSchema } from './decoration.schema.js';

/**
 * Templates ship as data (data/templates.json): a name in both languages, a price in fen (0 = free),
 * theme colours and a default module layout. Loaded and validated once at start; a broken file
 * stops the process rather than serving a template that could never be published.
 */
const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'templates.json');

let cache: Template[] | null = null;

export function loadTemplates(): Template[] {
  if (!cache) {
    const parsed = z
      .object({ templates: z.array(templateSchema).min(1) })
      .parse(JSON.parse(fs.readFileSync(FILE, 'utf8')));
    cache = parsed.templates;
  }
  return cache;
}

export function templateById(id: string): Template | undefined {
  return loadTemplates().find((t) => t.id === id);
}
