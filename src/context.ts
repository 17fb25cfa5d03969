import type { Logger } from 'pino';
import type { EmailAdapter } from './adapters/email/email.js';
import { createOutboxEmail } from './adapters/email/outbox.js';
import { createSmtpEmail } from './adapters/email/smtp.js';
import { createAliyunSms } from './adapters/sms/aliyun.js';
import { createOutboxSms } from './adapters/sms/outbox.js';
import type { SmsAdapter } from './adapters/sms/sms.js';
import type { Config } from './config.js';
import { type Audit, createAudit } from './kernel/audit.js';
import { type Clock, systemClock } from './kernel/clock.js';
import { type Crypto, createCrypto, loadMasterKey } from './kernel/crypto.js';
import { type DatabaseHandle, type Db, type DbKind, openDatabase, pingDatabase } from './kernel/db.js';
import { createJobs, type Jobs } from './kernel/jobs.js';
import { createLogger } from './kernel/log.js';
import { migrateToLatest } from './kernel/migrate.js';
import { createRateLimits, type RateLimits } from './kernel/rate-limit.js';
import { createOutboxStore, type OutboxStore } from './modules/dev/outbox.store.js';

/**
 * The shared infrastructure every module's services are built from. Tests replace parts
 * (clock, adapters, database) through `overrides`.
 */
export type Context = {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Db;
  dbKind: DbKind;
  crypto: Crypto;
  audit: Audit;
  jobs: Jobs;
  rateLimits: RateLimits;
  outbox: OutboxStore;
  sms: SmsAdapter;
  email: EmailAdapter;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type ContextOverrides = Partial<Pick<Context, 'log' | 'clock' | 'sms' | 'email'>> & {
  database?: DatabaseHandle;
};

export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<Context> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const handle = overrides.database ?? (await openDatabase(config.database));
  const { db, kind } = handle;
  await migrateToLatest(db, handle.schema);

  const master = loadMasterKey(config.masterKey, {
    dev: config.dev,
    dataDir: config.dataDir,
    warn: (msg) => log.warn(msg),
  });
  const crypto = await createCrypto(db, master, clock.now);
  const audit = createAudit(db, clock);
  const jobs = createJobs({ db, kind, clock, log });
  const rateLimits = createRateLimits(db, clock);
  const outbox = createOutboxStore(db, crypto, clock);

  const sms =
    overrides.sms ??
    (config.sms.adapter === 'aliyun' ? createAliyunSms(config.sms.aliyun) : createOutboxSms(outbox));
  if (!config.dev && !config.mail.smtpUrl && !overrides.email) {
    throw new Error('production mode needs KAIDIAN_SMTP_URL (smtp://user:pass@host:587) to send email');
  }
  const email =
    overrides.email ??
    (config.mail.smtpUrl
      ? createSmtpEmail({ url: config.mail.smtpUrl, from: config.mail.from })
      : createOutboxEmail(outbox));

  return {
    config,
    log,
    clock,
    db,
    dbKind: kind,
    crypto,
    audit,
    jobs,
    rateLimits,
    outbox,
    sms,
    email,
    ping: () => pingDatabase(db),
    close: async () => {
      await jobs.stop();
      await handle.close();
    },
  };
}
