import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_TREE_FILE } from '../../src/modules/categories/index.js';

/**
 * `kaidian categories import <file> [--dry-run]` as an operator runs it: a real process on a data
 * directory, then the HTTP API on that directory. SQLite only (the data directory's embedded
 * database), like test/integration/cli.test.ts; the import itself runs on both databases in
 * src/modules/categories/categories.import.test.ts. The steps build on each other.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

type Run = { code: number | null; stdout: string; stderr: string };

function kaidian(dataDir: string, args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KAIDIAN_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...env, KAIDIAN_DATA_DIR: dataDir, KAIDIAN_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('kaidian categories import (SQLite data directory)', { timeout: 90_000 }, () => {
  let dir: string;
  const treeFile = () => path.join(dir, 'tree.json');

  async function tree(lang = 'en') {
    const app = await createApp(
      loadConfig({ KAIDIAN_DATA_DIR: dir, KAIDIAN_MODE: 'development', KAIDIAN_LOG_LEVEL: 'silent' }),
      { serveWeb: false },
    );
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/v1/categories',
        headers: { 'accept-language': lang },
      });
      expect(res.statusCode).toBe(200);
      return res.json().categories as Array<{
        id: string;
        name: string;
        children: Array<{ id: string; name: string; requirements: { deposit: { amountFen: number } } }>;
      }>;
    } finally {
      await app.close();
    }
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-categories-cli-'));
    const file = JSON.parse(fs.readFileSync(DEFAULT_TREE_FILE, 'utf8'));
    const digital = file.categories.find((c: { id: string }) => c.id === 'cat_digital');
    digital.children.find(
      (c: { id: string }) => c.id === 'cat_digital_laptops',
    ).requirements.deposit.amountFen = 2_500_000;
    digital.children.push({
      id: 'cat_digital_drones',
      nameZh: '无人机',
      nameEn: 'Drones',
      requirements: {
        qualifications: ['radio_transmission_approval'],
        deposit: { amountFen: 1_000_000 },
        manualReview: true,
      },
    });
    fs.writeFileSync(treeFile(), JSON.stringify(file));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run on a fresh data directory validates and reports, writing nothing', async () => {
    const run = await kaidian(dir, ['categories', 'import', treeFile(), '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/is valid: 13 level-1 and 78 level-2 categories; 1 to create, 1 to update/);
    expect(run.stdout).toContain('+ cat_digital_drones  无人机 / Drones');
    expect(run.stdout).toContain('~ cat_digital_laptops');
    expect(run.stdout).toContain('dry run: nothing written');
    // The fresh directory already serves the default tree (migration 0013), unchanged.
    const digital = (await tree()).find((c) => c.id === 'cat_digital')!;
    expect(digital.children.map((c) => c.id)).not.toContain('cat_digital_drones');
    expect(digital.children.find((c) => c.id === 'cat_digital_laptops')?.requirements.deposit.amountFen).toBe(
      2_000_000,
    );
  });

  it('an invalid file or one that does not parse exits 1 with the reasons', async () => {
    const bad = path.join(dir, 'bad.json');
    const file = JSON.parse(fs.readFileSync(treeFile(), 'utf8'));
    file.categories[0].children[0].requirements.deposit.amountFen = -5;
    file.categories[1].children[0].requirements.deposit.amountFen = 1.5;
    fs.writeFileSync(bad, JSON.stringify(file));
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"format":');
    const [invalid, unparsable, missing] = await Promise.all([
      kaidian(dir, ['categories', 'import', bad]),
      kaidian(dir, ['categories', 'import', broken, '--dry-run']),
      kaidian(dir, ['categories', 'import', path.join(dir, 'nope.json')]),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('categories.0.children.0.requirements.deposit.amountFen');
    expect(invalid.stderr).toContain('categories.1.children.0.requirements.deposit.amountFen');
    expect(unparsable.code).toBe(1);
    expect(unparsable.stderr).toMatch(/not JSON/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ENOENT/);
  });

  it('imports with a progress line on stderr; the API serves the result; a second run changes nothing', async () => {
    const run = await kaidian(dir, ['categories', 'import', treeFile()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/importing categories \[#+\] 91\/91 100%/);
    expect(run.stdout).toMatch(/1 created, 1 updated, 89 unchanged/);
    const digital = (await tree('zh-CN')).find((c) => c.id === 'cat_digital')!;
    expect(digital.children.find((c) => c.id === 'cat_digital_drones')?.name).toBe('无人机');
    expect(digital.children.find((c) => c.id === 'cat_digital_laptops')?.requirements.deposit.amountFen).toBe(
      2_500_000,
    );
    const again = await kaidian(dir, ['categories', 'import', treeFile()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 updated, 91 unchanged/);
  });
});
