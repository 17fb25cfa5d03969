import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { multipart } from '../../../test/helpers/verification.js';
import { merchantWithShop, picture } from '../decoration/decoration.testing.js';
import { ANSWER_SMS } from './index.js';

/**
 * ACT-3 through the real app and database: tickets with screenshots and device information,
 * merchant isolation (another merchant's ticket is a 404), operator answers with an SMS notice,
 * the status machine, audited views, and all-or-nothing creation.
 */
let app: TestApp;
let a: Awaited<ReturnType<typeof merchantWithShop>>;
let b: { token: string; phone: string; id: string };
let op: string;

const device = {
  userAgent: 'Mozilla/5.0 (iPhone)',
  platform: 'iOS 17',
  screen: '390x844@3',
  appVersion: '1.2.0',
};
const ticket = (token: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/v1/support/tickets',
    headers: bearer(token),
    payload: {
      type: 'activation',
      subject: '激活短信收不到',
      body: '点了重发也没有收到',
      device,
      ...payload,
    },
  });
async function screenshot(token: string): Promise<string> {
  const body = multipart([{ name: 'file', bytes: await picture(390, 844) }]);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/support/attachments',
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().attachment.id;
}
const countTickets = async () =>
  Number(
    (
      await app.ctx.db
        .selectFrom('support_tickets')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  app = await createTestApp();
  a = await merchantWithShop(app, '工单测试店');
  b = await registerMerchant(app);
  await app.services.operators.create({
    login: 'support.one',
    role: 'support',
    password: 'long-enough-pass',
  });
  op = (
    await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login: 'support.one', password: 'long-enough-pass' },
    })
  ).json().session.token;
});
afterAll(async () => {
  await app.close();
});

describe(`support tickets (ACT-3) on ${testDbKind}`, () => {
  let ticketId = '';
  let shotId = '';

  it('opens a ticket with a screenshot and device information; text is sealed at rest', async () => {
    shotId = await screenshot(a.token);
    const res = await ticket(a.token, { shopId: a.shopId, screenshotUploadIds: [shotId] });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json().ticket;
    expect(t).toMatchObject({
      type: 'activation',
      status: 'open',
      subject: '激活短信收不到',
      shopId: a.shopId,
      device,
    });
    expect(t.messages).toEqual([expect.objectContaining({ author: 'merchant', body: '点了重发也没有收到' })]);
    expect(t.attachments.map((x: { id: string }) => x.id)).toEqual([shotId]);
    ticketId = t.id;
    const row = await app.ctx.db
      .selectFrom('support_tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(row.subject_enc).not.toContain('激活');
    const own = await app.inject({
      method: 'GET',
      url: `/v1/support/attachments/${shotId}`,
      headers: bearer(a.token),
    });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.includes(Buffer.from('secret-exif-marker'))).toBe(false);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/support/tickets', headers: bearer(a.token) })).json()
        .tickets,
    ).toHaveLength(1);
  });

  it('keeps merchants apart: another merchant gets 404 and cannot use foreign ids', async () => {
    for (const req of [
      { method: 'GET' as const, url: `/v1/support/tickets/${ticketId}` },
      { method: 'POST' as const, url: `/v1/support/tickets/${ticketId}/messages`, payload: { body: 'hi' } },
      { method: 'GET' as const, url: `/v1/support/attachments/${shotId}` },
    ]) {
      const res = await app.inject({ ...req, headers: bearer(b.token) });
      expect(res.statusCode, req.url).toBe(404);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/v1/support/tickets', headers: bearer(b.token) })).json()
        .tickets,
    ).toEqual([]);
    const foreignShop = await ticket(b.token, { shopId: a.shopId });
    expect(foreignShop.json().code).toBe('ticket_reference_invalid');
    const foreignCase = await ticket(b.token, {
      type: 'verification_expedite',
      verificationId: a.verificationId,
    });
    expect(foreignCase.json().code).toBe('ticket_reference_invalid');
    const mine = await screenshot(b.token);
    const before = await countTickets();
    const foreignShot = await ticket(b.token, { screenshotUploadIds: [mine, shotId] });
    expect(foreignShot.statusCode).toBe(400);
    expect(foreignShot.json().code).toBe('ticket_attachment_invalid');
    // Nothing half-written: no ticket, and the merchant's own screenshot is still free to use.
    expect(await countTickets()).toBe(before);
    expect((await ticket(b.token, { screenshotUploadIds: [mine] })).statusCode).toBe(201);
    const reused = await ticket(b.token, { screenshotUploadIds: [mine] });
    expect(reused.json().code).toBe('ticket_attachment_invalid');
  });

  it('refuses bad input with 4xx', async () => {
    for (const payload of [
      { device: undefined },
      { type: 'refund' },
      { subject: '' },
      { body: 'x'.repeat(4001) },
      { device: { ...device, screen: '' } },
      { screenshotUploadIds: Array(6).fill('tatt_x') },
      { type: 'verification_expedite' },
    ]) {
      const res = await ticket(a.token, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
    }
    const text = multipart([{ name: 'file', bytes: Buffer.from('not an image'), type: 'image/png' }]);
    const upload = await app.inject({
      method: 'POST',
      url: '/v1/support/attachments',
      headers: { ...bearer(a.token), ...text.headers },
      payload: text.payload,
    });
    expect(upload.statusCode).toBe(415);
  });

  it('operators list, read (audited), answer (merchant told by SMS) and move tickets', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/v1/review/tickets', headers: bearer(a.token) })).statusCode,
    ).toBe(403);
    const list = await app.inject({
      method: 'GET',
      url: '/v1/review/tickets?status=open&type=activation',
      headers: bearer(op),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().tickets.map((t: { id: string }) => t.id)).toContain(ticketId);
    expect(
      (
        await app.inject({ method: 'GET', url: '/v1/review/tickets?status=answered', headers: bearer(op) })
      ).json().tickets,
    ).toEqual([]);

    const view = await app.inject({
      method: 'GET',
      url: `/v1/review/tickets/${ticketId}`,
      headers: bearer(op),
    });
    expect(view.json().ticket).toMatchObject({ id: ticketId, merchantId: a.id });
    const shot = await app.inject({
      method: 'GET',
      url: `/v1/review/tickets/${ticketId}/attachments/${shotId}`,
      headers: bearer(op),
    });
    expect(shot.statusCode).toBe(200);
    const actions = (await app.ctx.audit.list({ targetId: ticketId })).map((e) => e.action);
    expect(actions).toContain('support.ticket_viewed');
    expect((await app.ctx.audit.list({ targetId: shotId })).map((e) => e.action)).toContain(
      'support.attachment_viewed',
    );

    const answer = await app.inject({
      method: 'POST',
      url: `/v1/review/tickets/${ticketId}/messages`,
      headers: bearer(op),
      payload: { body: '请检查手机是否开启了短信拦截' },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json().ticket.status).toBe('answered');
    await app.ctx.jobs.drain();
    const outbox = (await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${a.phone}` })).json().messages;
    expect(outbox.map((m: { body: string }) => m.body)).toContain(ANSWER_SMS);

    const reply = await app.inject({
      method: 'POST',
      url: `/v1/support/tickets/${ticketId}/messages`,
      headers: bearer(a.token),
      payload: { body: '已关闭拦截，收到了' },
    });
    expect(reply.json().ticket.status).toBe('open');
    expect(reply.json().ticket.messages.map((m: { author: string }) => m.author)).toEqual([
      'merchant',
      'operator',
      'merchant',
    ]);

    const status = (to: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/review/tickets/${ticketId}/status`,
        headers: bearer(op),
        payload: { status: to },
      });
    expect((await status('resolved')).json().ticket.status).toBe('resolved');
    expect((await status('closed')).json().ticket.status).toBe('closed');
    const reopen = await status('open');
    expect(reopen.statusCode).toBe(409);
    const late = await app.inject({
      method: 'POST',
      url: `/v1/support/tickets/${ticketId}/messages`,
      headers: bearer(a.token),
      payload: { body: '还有问题' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ticket_closed');
    expect(
      (await app.inject({ method: 'GET', url: '/v1/review/tickets/tkt_nope', headers: bearer(op) }))
        .statusCode,
    ).toBe(404);
  });

  it('openSystemTicket is idempotent on its key', async () => {
    const input = {
      merchantId: a.id,
      type: 'verification_expedite' as const,
      key: `verification_expedite:${a.verificationId}`,
      subject: 's',
      body: 'b',
      verificationId: a.verificationId,
    };
    const [one, two] = await Promise.all([
      app.services.support.openSystemTicket(input),
      app.services.support.openSystemTicket(input),
    ]);
    expect(one.id).toBe(two.id);
    const mine = (
      await app.inject({ method: 'GET', url: `/v1/support/tickets/${one.id}`, headers: bearer(a.token) })
    ).json().ticket;
    expect(mine.messages[0].author).toBe('system');
  });

  it('answers only with declared statuses', () => {
    expect(app.undeclaredStatuses).toEqual([]);
  });
});
