import { randomBytes, randomInt } from 'node:crypto';
import sharp from 'sharp';
import { makeSandboxIdImage, makeValidIdNumber, makeValidUscc } from '../adapters/kyc/index.js';
import type { Context } from '../context.js';
import { ownerActor } from '../kernel/auth.js';
import { isAppError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { newMerchant } from '../modules/accounts/accounts.store.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { createServices } from '../modules/index.js';
import { SLOT_PURPOSE, type Slot } from '../modules/verification/index.js';
import { seedDemoOrders } from './seed-demo-orders.js';

/**
 * `kaidian seed demo` (development only): an operator and merchants to look around with. Each run
 * adds new ones (fresh phone numbers, fresh ID numbers), so it is safe to repeat.
 * - `registered`: a personal and an enterprise account, nothing else;
 * - `verified`: a personal merchant whose real-name case went through the real services with the
 *   sandbox providers — documents uploaded and attached, a liveness session passed, submitted and
 *   approved automatically;
 * - an enterprise merchant whose case waits in the review queue (`stage: registered`,
 *   `verificationStatus: pending_review`), so the console has something to show.
 * - `with_shop`: a personal merchant, verified like the one above, with an ACTIVE shop (`shopId`)
 *   opened through the real services: a shop in 服饰 › 女装 (a deposit category), the deposit paid
 *   through the sandbox provider, the free template published, a first product listed, and the
 *   activation confirmed with the code sent to the merchant's phone (read from the dev outbox).
 *   The shop also gets a few mirrored marketplace orders in several statuses (docs/orders.md).
 */
export type DemoOutput = {
  operator: { login: string; password: string };
  merchants: Array<{
    phone: string;
    password: string;
    stage: 'registered' | 'verified' | 'with_shop';
    shopId?: string;
    verificationId?: string;
    verificationStatus?: string;
  }>;
};

function demoPassword(): string {
  // Satisfies PWD-1: upper, lower, digits, no long runs, not on the blocklist.
  return `Kd${randomBytes(4).toString('hex')}x${randomInt(10, 99)}Q`;
}

export async function seedDemo(ctx: Context): Promise<DemoOutput> {
  const services = createServices(ctx);
  const operatorLogin = `demo-admin-${randomBytes(2).toString('hex')}`;
  const operatorPassword = `Op-${randomBytes(9).toString('base64url')}`;
  await services.operators.create({
    login: operatorLogin,
    role: 'admin',
    password: operatorPassword,
    displayName: '演示管理员',
  });

  const merchants: DemoOutput['merchants'] = [];
  for (const accountType of ['personal', 'enterprise'] as const) {
    const m = await demoMerchant(ctx, services, accountType);
    merchants.push({ phone: m.phone, password: m.password, stage: 'registered' });
  }

  const person = await demoMerchant(ctx, services, 'personal');
  const approved = await verifyPersonal(services, person.id);
  merchants.push({
    phone: person.phone,
    password: person.password,
    stage: 'verified',
    verificationId: approved.id,
    verificationStatus: approved.status,
  });

  const company = await demoMerchant(ctx, services, 'enterprise');
  const pending = await submitEnterprise(services, company.id);
  merchants.push({
    phone: company.phone,
    password: company.password,
    stage: 'registered',
    verificationId: pending.id,
    verificationStatus: pending.status,
  });
  const owner = await demoMerchant(ctx, services, 'personal');
  await verifyPersonal(services, owner.id);
  const shopId = await openDemoShop(ctx, services, owner.id, `+86${owner.phone}`);
  await seedDemoOrders(services, shopId, ctx.clock.now());
  merchants.push({ phone: owner.phone, password: owner.password, stage: 'with_shop', shopId });
  await ctx.jobs.drain();
  return { operator: { login: operatorLogin, password: operatorPassword }, merchants };
}

/** A deposit-only category of the default tree (SHOP-2, DEP-1): no qualification review needed. */
const DEMO_SHOP_CATEGORY = 'cat_apparel_womens';

/** Opens and activates a shop through the real services (see the file comment). */
async function openDemoShop(ctx: Context, services: Services, merchantId: string, phone: string) {
  let shop: Awaited<ReturnType<Services['shops']['create']>> | undefined;
  for (let i = 0; !shop; i++) {
    try {
      const name = `演示小店${randomInt(1000, 99_999)}`;
      shop = await services.shops.create(merchantId, { name, categoryId: DEMO_SHOP_CATEGORY });
    } catch (err) {
      if (i >= 5 || !isAppError(err, 'shop_name_taken')) throw err;
    }
  }
  const submitted = await services.activation.progression.submit(merchantId, shop.id);
  if (submitted.status === 'pending_deposit') {
    const deposits = services.deposits.service;
    const { payment } = await deposits.startPayment(shop.id, merchantId, {
      idempotencyKey: `seed-${shop.id}`,
    });
    await deposits.confirmSandboxPayment(shop.id, payment.id);
    await ctx.jobs.drain();
  }
  const decorator = ownerActor(merchantId);
  await services.decoration.service.saveDraft(decorator, shop.id, { templateId: 'tpl_basic' });
  await services.decoration.service.publish(decorator, shop.id);
  const image = await services.products.media.addImage(shop.id, merchantId, await demoProductPhoto());
  await services.products.products.create(ownerActor(merchantId), shop.id, {
    title: '演示纯棉短袖T恤',
    options: [{ name: '尺码', values: ['M', 'L'] }],
    skus: ['M', 'L'].map((size) => ({ options: { 尺码: size }, priceFen: 5900, stock: 100 })),
    mainImageId: image.id,
  });
  await services.activation.codes.send(merchantId, shop.id);
  await ctx.jobs.drain();
  const sent = (await ctx.outbox.list(phone)).find((m) => m.purpose.includes('activation') && m.code);
  if (!sent?.code) throw new Error('demo shop: no activation code in the outbox');
  const confirmed = await services.activation.codes.confirmCode(merchantId, shop.id, sent.code);
  if (confirmed.shop.status !== 'active')
    throw new Error(`demo shop is ${confirmed.shop.status}, not active`);
  return shop.id;
}

/** A product photo on a white background, 1:1 (PROD-1). */
async function demoProductPhoto(): Promise<Buffer> {
  const inner = await sharp({ create: { width: 480, height: 480, channels: 3, background: '#d83a5a' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 800, height: 800, channels: 3, background: '#ffffff' } })
    .composite([{ input: inner, left: 160, top: 160 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

type Services = ReturnType<typeof createServices>;

async function demoMerchant(ctx: Context, services: Services, accountType: 'personal' | 'enterprise') {
  const agreement = await services.agreements.current();
  const phone = `+86139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  const password = demoPassword();
  const now = ctx.clock.now();
  const row = newMerchant({
    accountType,
    crossBorder: false,
    status: 'active',
    passwordHash: await hashPassword(password),
    agreementVersion: agreement.version,
    now,
  });
  row.phone_enc = services.store.sealPhone(phone);
  row.phone_bidx = services.store.phoneIndex(phone);
  const id = row.id;
  await ctx.db.transaction().execute(async (trx) => {
    await services.store.insert(row, trx);
    await trx
      .insertInto('agreement_acceptances')
      .values({
        id: newId('agr'),
        merchant_id: id,
        version: agreement.version,
        accepted_at: now,
        ip: null,
        user_agent: 'kaidian seed demo',
      })
      .execute();
    await ctx.audit.record(
      {
        action: 'merchant.registered',
        actorType: 'system',
        targetType: 'merchant',
        targetId: id,
        data: { method: 'seed_demo' },
      },
      trx,
    );
  });
  return { id, phone: phone.slice(3), password };
}

/** A fresh sandbox identity: a random birth date and an ordinary (non-magic) sequence. */
function demoIdNumber(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + randomInt(0, 30 * 365) * 86_400_000);
  return makeValidIdNumber(randomInt(100, 900), { birthDate: day.toISOString().slice(0, 10) });
}

async function attach(services: Services, merchantId: string, caseId: string, slot: Slot, bytes: Buffer) {
  const owner = { type: 'merchant' as const, id: merchantId };
  const upload = await services.uploads.create(owner, SLOT_PURPOSE[slot], bytes);
  await services.docs.attach(merchantId, caseId, slot, upload.id);
}

async function verifyPersonal(services: Services, merchantId: string) {
  const name = '演示商家';
  const idNumber = demoIdNumber();
  const c = await services.verification.create(
    merchantId,
    { kind: 'personal', name, idRegion: 'mainland', idType: 'resident_id', idNumber },
    { ip: '127.0.0.1' },
  );
  await attach(services, merchantId, c.id, 'id_front', await makeSandboxIdImage({ name, idNumber }));
  await attach(services, merchantId, c.id, 'id_back', await makeSandboxIdImage({ validUntil: '长期' }));
  const session = await services.liveness.start(merchantId, { verificationId: c.id });
  const frames = await Promise.all([1, 2, 3].map(() => demoFrame()));
  const { attempt } = await services.liveness.attempt(merchantId, session.id, { frames });
  if (!attempt.passed) throw new Error(`demo liveness did not pass (${attempt.reason})`);
  return services.review.submit(merchantId, c.id);
}

async function submitEnterprise(services: Services, merchantId: string) {
  const rep = { name: '演示法人', idNumber: demoIdNumber() };
  const c = await services.verification.create(
    merchantId,
    {
      kind: 'enterprise',
      companyName: '演示科技有限公司',
      uscc: makeValidUscc('', { fill: String(randomInt(0, 1e8)).padStart(8, '0') }),
      legalRepresentative: rep,
    },
    { ip: '127.0.0.1' },
  );
  await attach(
    services,
    merchantId,
    c.id,
    'business_licence',
    await makeSandboxIdImage({ name: '演示科技有限公司' }),
  );
  await attach(services, merchantId, c.id, 'legal_rep_id_front', await makeSandboxIdImage(rep));
  await attach(
    services,
    merchantId,
    c.id,
    'legal_rep_id_back',
    await makeSandboxIdImage({ validUntil: '长期' }),
  );
  return services.review.submit(merchantId, c.id);
}

/** A camera-sized frame; the sandbox liveness engine judges by the ID number (docs/liveness.md). */
function demoFrame(): Promise<Buffer> {
  const w = 640;
  const h = 480;
  return sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}
