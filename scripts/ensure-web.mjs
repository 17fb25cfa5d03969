// Builds the web app (web/dist) when it is missing or older than its sources, so `npm start`
// always serves the current portal. Skipped when KAIDIAN_SKIP_WEB_BUILD=1.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

if (process.env.KAIDIAN_SKIP_WEB_BUILD === '1') process.exit(0);
const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const srcDir = path.join(root, 'web', 'src');
if (!fs.existsSync(srcDir)) process.exit(0);
const stale = !fs.existsSync(dist) || newest(srcDir) > fs.statSync(dist).mtimeMs;
if (stale) {
  console.log('building the web app (web/dist)…');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
}
