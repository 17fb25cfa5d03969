#!/usr/bin/env node
import { Command } from 'commander';
import pino from 'pino';
import { createApp } from './app.js';
import { registerCliCommands } from './cli/index.js';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { openDatabase } from './kernel/db.js';
import { createLogger } from './kernel/log.js';
import { migrateToLatest } from './kernel/migrate.js';

/** The `kaidian` command: serve, migrate, keys, operators, agreements, audit, demo data. */
const program = new Command();
program.name('kaidian').description('Kaidian (开店) merchant onboarding platform').version('0.1.0');

program
  .command('serve', { isDefault: true })
  .description('run the API, web app and job worker')
  .action(async () => {
    const config = loadConfig();
    const app = await createApp(config);
    app.ctx.jobs.start();
    await app.services.reverification.ensureScheduled();
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await app.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    app.log.info(
      `Kaidian ${config.mode} on ${config.database.kind}: portal ${config.publicUrl}/  API docs ${config.publicUrl}/docs`,
    );
  });

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const config = loadConfig();
    const handle = await openDatabase(config.database);
    const applied = await migrateToLatest(handle.db);
    await handle.close();
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  });

registerCliCommands(program, async () => {
  const config = loadConfig();
  // Logs go to stderr, so commands like `seed demo --json` print clean JSON on stdout.
  return createContext(config, {
    log: createLogger(process.env.KAIDIAN_LOG_LEVEL ?? 'warn', pino.destination(2)),
  });
});

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
