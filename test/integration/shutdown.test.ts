import http from 'node:http';
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { deferred } from '../helpers/deferred.js';

/**
 * Graceful shutdown (app.ts `drainOnClose`): a request in flight when `close()` starts still gets
 * its answer, and keep-alive connections do not hold `close()` for the 72-s keep-alive timeout.
 */
describe('closing the server', () => {
  it('finishes the request in flight, then ends keep-alive connections instead of waiting for them', async () => {
    const app = await createTestApp();
    const held = deferred();
    const inside = deferred();
    app.get('/test/held', { schema: { hide: true } }, async () => {
      inside.resolve();
      await held.promise;
      const rows = await app.ctx.db.selectFrom('agreements').select('version').execute();
      return { agreements: rows.length };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const get = (path: string) =>
      new Promise<{ status: number; body: string; socket: net.Socket }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body, socket: req.socket as net.Socket }),
          );
        });
        req.on('error', reject);
      });

    // One keep-alive connection left idle in the agent, one request held in its handler.
    const idle = await get('/healthz');
    expect(idle.status).toBe(200);
    const idleClosed = new Promise<void>((r) => idle.socket.once('close', () => r()));
    const inFlight = get('/test/held');
    await inside.promise;

    const closing = app.close();
    setTimeout(held.resolve, 200);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ agreements: 1 });
    // Both connections are ended by the server: close() returns long before the keep-alive timeout.
    const outcome = await Promise.race([
      Promise.all([closing, idleClosed]).then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open after 5 s'), 5_000)),
    ]);
    expect(outcome).toBe('closed');
    agent.destroy();
  }, 15_000);
});
