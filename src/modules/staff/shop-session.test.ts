import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { operator } from '../activation/activation.testing.js';
import { type Owner, shopOwner, signedInSubAccount } from './staff.testing.js';

/**
 * `guards.shop` reads the session and the facts of the decision in one statement (`shopSession`).
 * It must decide exactly as the session look-up followed by `shopAccess` (the two-read path that
 * `mayInShop` and module harnesses use): same principal, same access or same error, for every
 * caller × shop × permission below.
 */

type Outcome = { principal: string | null; result: string };

describe('guards.shop in one read decides as session + shopAccess', () => {
  let app: TestApp;
  let a: Owner;
  let b: Owner;
  const callers: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    a = await shopOwner(app);
    b = await shopOwner(app);
    callers.ownerA = a.token;
    callers.ownerB = b.token;
    callers.subA = (await signedInSubAccount(app, a, 'one-read-a', { permissions: ['orders.view'] })).token;
    callers.subB = (await signedInSubAccount(app, b, 'one-read-b', { permissions: ['orders.view'] })).token;
    const disabled = await signedInSubAccount(app, a, 'one-read-off', { permissions: ['orders.view'] });
    callers.subDisabled = disabled.token;
    // Disabling through the API ends the sessions too; here only the row changes, as in a request
    // that races the disable: the decision itself must refuse.
    await app.ctx.db
      .updateTable('sub_accounts')
      .set({ status: 'disabled' })
      .where('id', '=', disabled.id)
      .execute();
    callers.operator = (await operator(app, 'one.read', 'admin')).token;
    callers.revoked = (await signedInSubAccount(app, a, 'one-read-gone')).token;
    const p = await app.services.sessions.resolve(callers.revoked);
    await app.ctx.db.updateTable('sessions').set({ revoked_at: 1 }).where('id', '=', p!.sessionId).execute();
    callers.garbage = 'kds_not-a-session';
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  const describeAccess = (x: { as: string; ownerId: string; permissions: ReadonlySet<string> }) =>
    `${x.as} of ${x.ownerId}: ${[...x.permissions].sort().join(',')}`;
  const code = (err: unknown) => (err as { code?: string }).code ?? String(err);

  async function twoReads(token: string, shopId: string, permission: string): Promise<Outcome> {
    const p = await app.services.sessions.resolve(token);
    if (!p) return { principal: null, result: 'unauthenticated' };
    try {
      return {
        principal: p.sessionId,
        result: describeAccess(await app.services.staff.shopAccess(p, shopId, permission)),
      };
    } catch (err) {
      return { principal: p.sessionId, result: code(err) };
    }
  }

  async function oneRead(token: string, shopId: string, permission: string): Promise<Outcome> {
    const hit = await app.services.staff.shopSession(token, shopId, permission);
    if (!hit) return { principal: null, result: 'unauthenticated' };
    try {
      return { principal: hit.principal.sessionId, result: describeAccess(hit.access()) };
    } catch (err) {
      return { principal: hit.principal.sessionId, result: code(err) };
    }
  }

  it('same outcome for every caller, shop and permission', async () => {
    const shops = { A: a.shopId, B: b.shopId, unknown: 'shop_doesnotexist00000000', empty: '' };
    const permissions = ['orders.view', 'finance.view', 'owner.transfer', 'no.such.permission'];
    const seen: Record<string, string> = {};
    for (const [who, token] of Object.entries(callers))
      for (const [shopName, shopId] of Object.entries(shops))
        for (const permission of permissions) {
          const expected = await twoReads(token, shopId, permission);
          const actual = await oneRead(token, shopId, permission);
          expect(actual, `${who} on shop ${shopName}, ${permission}`).toEqual(expected);
          seen[`${who} ${shopName} ${permission}`] = actual.result;
        }
    // The table is not vacuous: every kind of answer occurs.
    expect(seen['ownerA A owner.transfer']).toMatch(/^owner of /);
    expect(seen['subA A orders.view']).toBe(`sub_account of ${a.id}: orders.view`);
    expect(seen['subA A finance.view']).toBe('forbidden');
    expect(seen['subA A owner.transfer']).toBe('forbidden');
    expect(seen['subA B orders.view']).toBe('not_found');
    expect(seen['ownerB A orders.view']).toBe('not_found');
    expect(seen['ownerA unknown orders.view']).toBe('not_found');
    expect(seen['subDisabled A orders.view']).toBe('unauthenticated');
    expect(seen['operator A orders.view']).toBe('forbidden');
    expect(seen['revoked A orders.view']).toBe('unauthenticated');
    expect(seen['garbage A orders.view']).toBe('unauthenticated');
  });
});
