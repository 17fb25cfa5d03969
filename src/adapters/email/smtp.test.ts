import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailMessage } from './email.js';
import { createSmtpEmail } from './smtp.js';

type Captured = { from: string; to: string[]; user: unknown; secure: boolean; raw: string };

const servers: SMTPServer[] = [];

async function startServer(opts: SMTPServerOptions = {}) {
  const received: Captured[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('blocked@')) {
        cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
    ...opts,
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

// ---- Minimal MIME reader, enough for what nodemailer writes ----
function decodeBody(body: string, cte: string): string {
  if (/base64/i.test(cte)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(cte)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}
function parse(raw: string): { headers: Map<string, string>; parts: Map<string, string> } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const body = raw.slice(split + 4).replace(/\r\n$/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) {
    parts.set(type.split(';')[0]!, decodeBody(body, headers.get('content-transfer-encoding') ?? ''));
  } else {
    for (const chunk of body.split(`--${boundary}`).slice(1, -1)) {
      const sub = parse(chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''));
      for (const [k, v] of sub.parts) parts.set(k, v);
    }
  }
  return { headers, parts };
}

const message: EmailMessage = {
  to: 'merchant@example.com',
  purpose: 'activation',
  subject: '激活您的开店账号',
  text: '您好，请在10分钟内点击链接激活店铺：https://kaidian.example/activate?t=abc123 —— 开店平台',
  html: '<p>您好，请在10分钟内<a href="https://kaidian.example/activate?t=abc123">激活店铺</a>。</p>',
  code: 'abc123',
};

describe('createSmtpEmail against an in-process smtp-server', () => {
  it('delivers text and html with UTF-8 Chinese intact', async () => {
    const { received, port } = await startServer();
    const email = createSmtpEmail({ url: `smtp://127.0.0.1:${port}`, from: '开店 <no-reply@kaidian.test>' });
    const r = await email.send(message);
    expect(r.messageId).toMatch(/^<.+@.+>$/);
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.from).toBe('no-reply@kaidian.test');
    expect(got.to).toEqual(['merchant@example.com']);
    expect(got.user).toBeUndefined();
    const mail = parse(got.raw);
    expect(decodeWords(mail.headers.get('subject') ?? '')).toBe('激活您的开店账号');
    expect(decodeWords(mail.headers.get('from') ?? '')).toContain('开店');
    expect(mail.headers.get('to')).toBe('merchant@example.com');
    expect(mail.headers.get('message-id')).toBe(r.messageId);
    expect(mail.parts.get('text/plain')).toBe(message.text);
    expect(mail.parts.get('text/html')).toBe(message.html);
  });

  it('sends text only when no html is given', async () => {
    const { received, port } = await startServer();
    const email = createSmtpEmail({ url: `smtp://127.0.0.1:${port}`, from: 'no-reply@kaidian.test' });
    await email.send({ ...message, html: undefined });
    const mail = parse(received[0]!.raw);
    expect([...mail.parts.keys()]).toEqual(['text/plain']);
    expect(mail.parts.get('text/plain')).toBe(message.text);
  });

  it('authenticates with AUTH PLAIN using percent-encoded credentials from the URL', async () => {
    const logins: { method: string; username?: string | undefined; password?: string | null }[] = [];
    const { received, port } = await startServer({
      authOptional: false,
      allowInsecureAuth: true,
      authMethods: ['PLAIN'],
      onAuth(auth, _session, cb) {
        logins.push({ method: auth.method, username: auth.username, password: auth.password });
        if (auth.username === 'mailer@kaidian.test' && auth.password === 'p@ss w:rd/开') {
          cb(null, { user: auth.username });
          return;
        }
        cb(new Error('Invalid username or password'));
      },
    });
    const user = encodeURIComponent('mailer@kaidian.test');
    const url = (pass: string) => `smtp://${user}:${encodeURIComponent(pass)}@127.0.0.1:${port}`;
    await createSmtpEmail({ url: url('p@ss w:rd/开'), from: 'no-reply@kaidian.test' }).send(message);
    expect(logins[0]).toEqual({ method: 'PLAIN', username: 'mailer@kaidian.test', password: 'p@ss w:rd/开' });
    expect(received[0]?.user).toBe('mailer@kaidian.test');

    const wrong = createSmtpEmail({ url: url('nope'), from: 'no-reply@kaidian.test' });
    await expect(wrong.send(message)).rejects.toThrow(/Invalid login|Invalid username/);
    expect(received).toHaveLength(1);
  });

  it('upgrades with STARTTLS when offered (TLS options from the URL query)', async () => {
    const { received, port } = await startServer({ disabledCommands: [] });
    const url = `smtp://127.0.0.1:${port}?tls.rejectUnauthorized=false&requireTLS=true`;
    await createSmtpEmail({ url, from: 'no-reply@kaidian.test' }).send(message);
    expect(received[0]?.secure).toBe(true);
  });

  it('rejects when the server refuses the recipient', async () => {
    const { received, port } = await startServer();
    const email = createSmtpEmail({ url: `smtp://127.0.0.1:${port}`, from: 'no-reply@kaidian.test' });
    await expect(email.send({ ...message, to: 'blocked@example.com' })).rejects.toThrow(/550/);
    expect(received).toHaveLength(0);
  });

  it('rejects when the server is unreachable, and refuses a non-SMTP URL', async () => {
    const { port } = await startServer();
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
    const email = createSmtpEmail({ url: `smtp://127.0.0.1:${port}`, from: 'no-reply@kaidian.test' });
    await expect(email.send(message)).rejects.toThrow(/ECONNREFUSED/);
    expect(() => createSmtpEmail({ url: 'http://mail.example.com', from: 'a@b.c' })).toThrow(/smtp:\/\//);
  });
});
