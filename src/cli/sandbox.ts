import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { makeSandboxIdImage } from '../adapters/kyc/index.js';

/**
 * `kaidian sandbox id-photos`: the two sides of a sandbox ID card as PNG files, carrying the fields
 * the sandbox OCR reads back (docs/sandbox-providers.md), so a person trying the portal by hand can
 * upload documents that pass the OCR check. Marked "SANDBOX · NOT A REAL DOCUMENT".
 */
export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command('sandbox').description('development helpers for the sandbox providers');
  sandbox
    .command('id-photos')
    .description('write id-front.png and id-back.png of a sandbox ID card')
    .requiredOption('--name <name>', 'the name as typed in the wizard')
    .requiredOption('--id-number <number>', 'the ID number as typed in the wizard')
    .option('--valid-until <date>', 'YYYY-MM-DD or 长期', '长期')
    .option('--out-dir <dir>', 'where to write the files', '.')
    .action(async (opts: { name: string; idNumber: string; validUntil: string; outDir: string }) => {
      fs.mkdirSync(opts.outDir, { recursive: true });
      const front = path.join(opts.outDir, 'id-front.png');
      const back = path.join(opts.outDir, 'id-back.png');
      fs.writeFileSync(front, await makeSandboxIdImage({ name: opts.name, idNumber: opts.idNumber }));
      fs.writeFileSync(back, await makeSandboxIdImage({ validUntil: opts.validUntil }));
      console.log(`wrote ${front} and ${back}`);
    });
}
