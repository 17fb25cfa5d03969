import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { masterKeyFrom } from '../kernel/crypto.js';
import { reencryptAll } from '../kernel/sealed-columns.js';
import { createAccountsModule } from '../modules/accounts/index.js';
import { createServices } from '../modules/index.js';
import { createOperators, OPERATOR_ROLES, type OperatorRole } from '../modules/operators/index.js';
import { registerCategoryCommands } from './categories.js';
import { registerSandboxCommands } from './sandbox.js';
import { seedDemo } from './seed-demo.js';

/** Administrative commands; each opens the context (database, keys), does its work, and closes. */
export function registerCliCommands(program: Command, open: () => Promise<Context>): void {
  const withContext = async (fn: (ctx: Context) => Promise<void>) => {
    const ctx = await open();
    try {
      await fn(ctx);
    } finally {
      await ctx.close();
    }
  };

  const keys = program.command('keys').description('encryption keys');
  keys
    .command('rotate')
    .description('make a new data key active and re-encrypt every sealed column with it')
    .option('--no-reencrypt', 'only add the key; old values stay readable under their old key')
    .action((opts: { reencrypt: boolean }) =>
      withContext(async (ctx) => {
        // Build every module so every sealed column is registered.
        const services = createServices(ctx);
        const before = ctx.crypto.activeKeyId;
        const id = await ctx.crypto.rotateDataKey();
        console.log(`data key rotated: ${before} → ${id}`);
        if (opts.reencrypt) {
          const n = await reencryptAll(ctx.db, ctx.crypto, (c, done) => {
            process.stdout.write(`\r  ${c.table}.${c.column}: ${done} re-encrypted`);
          });
          process.stdout.write('\n');
          // Every module that seals files of its own in the file store.
          const sealedFiles: Array<[string, (progress: (done: number) => void) => Promise<number>]> = [
            ['uploads', (p) => services.uploads.reencryptFiles(p)],
            ['product media', (p) => services.products.media.reencryptFiles(p)],
            ['decoration images', (p) => services.decoration.images.reencryptFiles(p)],
            ['support attachments', (p) => services.support.attachments.reencryptFiles(p)],
          ];
          let files = 0;
          for (const [label, reencrypt] of sealedFiles) {
            files += await reencrypt((done) =>
              process.stdout.write(`\r  ${label}: ${done} files re-encrypted`),
            );
            process.stdout.write('\n');
          }
          console.log(`${n} values re-encrypted`);
          console.log(`${files} files re-encrypted`);
        }
        await ctx.audit.record({
          action: 'keys.rotated',
          actorType: 'system',
          data: { from: before, to: id },
        });
      }),
    );
  keys
    .command('rewrap')
    .description('move the stored data keys under a new master key (give the new key in base64)')
    .requiredOption('--new-master-key-file <file>', 'file with the new 32-byte master key in base64')
    .action((opts: { newMasterKeyFile: string }) =>
      withContext(async (ctx) => {
        const next = masterKeyFrom(
          Buffer.from(fs.readFileSync(opts.newMasterKeyFile, 'utf8').trim(), 'base64'),
        );
        const n = await ctx.crypto.rewrapUnder(next);
        await ctx.audit.record({
          action: 'keys.rewrapped',
          actorType: 'system',
          data: { from: ctx.crypto.masterKeyId, to: next.id },
        });
        console.log(`${n} keys rewrapped under ${next.id}; now start Kaidian with the new master key`);
      }),
    );
  keys
    .command('generate-master')
    .description('print a new random master key (base64) for KAIDIAN_MASTER_KEY')
    .action(() => console.log(randomBytes(32).toString('base64')));

  program
    .command('create-operator')
    .description('create an operator (platform staff) account')
    .requiredOption('--login <login>', 'sign-in name')
    .option('--role <role>', `one of ${OPERATOR_ROLES.join(', ')}`, 'admin')
    .option('--name <name>', 'display name')
    .option('--password <password>', 'password (else KAIDIAN_OPERATOR_PASSWORD, else generated and printed)')
    .action((opts: { login: string; role: string; name?: string; password?: string }) =>
      withContext(async (ctx) => {
        if (!OPERATOR_ROLES.includes(opts.role as OperatorRole))
          throw new Error(`role must be one of ${OPERATOR_ROLES.join(', ')}`);
        const generated = !opts.password && !process.env.KAIDIAN_OPERATOR_PASSWORD;
        const password =
          opts.password ?? process.env.KAIDIAN_OPERATOR_PASSWORD ?? randomBytes(12).toString('base64url');
        const op = await createOperators(ctx).create({
          login: opts.login,
          role: opts.role as OperatorRole,
          password,
          ...(opts.name ? { displayName: opts.name } : {}),
        });
        console.log(`operator ${op.login} (${op.role}) created: ${op.id}`);
        if (generated) console.log(`password: ${password}  (shown once)`);
      }),
    );

  program
    .command('audit-verify')
    .description('recompute the audit hash chain and report the first broken link')
    .action(() =>
      withContext(async (ctx) => {
        const r = await ctx.audit.verifyChain();
        if (r.ok) console.log(`audit chain intact: ${r.count} events`);
        else {
          console.error(`audit chain BROKEN at event #${r.brokenAt}`);
          process.exitCode = 2;
        }
      }),
    );

  const agreements = program.command('agreements').description('service agreement versions (AGR-1)');
  agreements
    .command('publish')
    .description('publish a new agreement version from a JSON file {version,titleZh,titleEn,bodyZh,bodyEn}')
    .requiredOption('--file <file>')
    .action((opts: { file: string }) =>
      withContext(async (ctx) => {
        const a = JSON.parse(fs.readFileSync(opts.file, 'utf8')) as {
          version: string;
          titleZh: string;
          titleEn: string;
          bodyZh: string;
          bodyEn: string;
        };
        await createAccountsModule(ctx).agreements.publish(a);
        console.log(`agreement ${a.version} published; merchants accept it at next sign-in`);
      }),
    );

  registerCategoryCommands(program, open);

  registerSandboxCommands(program);

  const seed = program.command('seed').description('demo data');
  seed
    .command('demo')
    .description('development only: an operator and merchants at several stages')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        if (!ctx.config.dev) throw new Error('seed demo runs in development mode only');
        const out = await seedDemo(ctx);
        console.log(opts.json ? JSON.stringify(out) : JSON.stringify(out, null, 2));
      }),
    );
}
