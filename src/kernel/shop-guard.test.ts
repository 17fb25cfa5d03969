import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { harnessShopAccess } from '../modules/staff/index.js';
import {
  authorizeShopBeforeValidation,
  createAuthGuards,
  type Principal,
  type ShopActor,
  shopActorOf,
} from './auth.js';
import { errorHandler } from './problem.js';
import { type RouteEntry, recordRoutes } from './route-table.js';

/**
 * The kernel side of the one authorization layer (docs/staff.md): `guards.shop` runs before
 * validation, marks its permission for the route table, `mayInShop` asks the same decision
 * without throwing, `shopActorOf` tells services who acts. The decision itself is authorize.test.ts.
 */
const principal = (token: string): Principal | null => {
  const [type, id, shopId] = token.split(':');
  if (!type || !id) return null;
  return {
    type: type as Principal['type'],
    id,
    shopId: shopId ?? null,
    sessionId: 'ses_t',
    stepUpUntil: null,
    expiresAt: Date.now() + 60_000,
    mfa: false,
  };
};

describe('guards.shop in a route', () => {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  let table: RouteEntry[];
  const owners: Record<string, string> = { shop_a: 'mer_a', shop_b: 'mer_b' };
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler);
    app.decorateRequest('principal', null);
    authorizeShopBeforeValidation(app);
    table = recordRoutes(app);
    // Sub-accounts here hold products.view only.
    const guards = createAuthGuards(
      async (t) => principal(t),
      undefined,
      harnessShopAccess(async (id) => owners[id] ?? null, ['products.view']),
    );
    let seen: ShopActor | null = null;
    app.post(
      '/shops/:shopId/things',
      {
        preHandler: guards.shop('products.edit'),
        schema: { params: z.object({ shopId: z.string() }), body: z.object({ n: z.number().int() }) },
      },
      async (req) => {
        seen = shopActorOf(req);
        return { actor: seen };
      },
    );
    app.get('/shops/:shopId/peek', { preHandler: guards.optional }, async (req) => ({
      view: await guards.mayInShop(req, (req.params as { shopId: string }).shopId, 'products.view'),
      edit: await guards.mayInShop(req, (req.params as { shopId: string }).shopId, 'products.edit'),
    }));
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (token: string | null, shopId: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: `/shops/${shopId}/things`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: payload as Record<string, unknown>,
    });

  it('decides before validation: a denied caller gets 404/403 whatever the body', async () => {
    expect((await post('merchant:mer_b', 'shop_a', { n: 'not a number' })).statusCode).toBe(404);
    expect((await post('sub_account:sub_1:shop_a', 'shop_a', { n: 'x' })).json().code).toBe('forbidden');
    expect((await post(null, 'shop_a', { n: 'x' })).statusCode).toBe(401);
    expect((await post('merchant:mer_a', 'shop_a', { n: 'x' })).statusCode).toBe(400);
    expect((await post('merchant:mer_a', 'shop_nope', { n: 1 })).statusCode).toBe(404);
  });

  it('tells the service who acts: the owner, or the sub-account with the owner behind it', async () => {
    expect((await post('merchant:mer_a', 'shop_a', { n: 1 })).json().actor).toEqual({
      type: 'merchant',
      id: 'mer_a',
      ownerId: 'mer_a',
    });
  });

  it('records the permission in the route table, also after the move to preValidation', () => {
    expect(table.find((r) => r.url === '/shops/:shopId/things')).toMatchObject({
      method: 'POST',
      shopPermission: 'products.edit',
    });
    expect(
      table.find((r) => r.url === '/shops/:shopId/peek' && r.method === 'GET')?.shopPermission,
    ).toBeNull();
  });

  it('mayInShop asks the same decision without throwing', async () => {
    const peek = async (token: string | null, shopId: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/shops/${shopId}/peek`,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        })
      ).json();
    expect(await peek('merchant:mer_a', 'shop_a')).toEqual({ view: true, edit: true });
    expect(await peek('sub_account:sub_1:shop_a', 'shop_a')).toEqual({ view: true, edit: false });
    expect(await peek('merchant:mer_b', 'shop_a')).toEqual({ view: false, edit: false });
    expect(await peek(null, 'shop_a')).toEqual({ view: false, edit: false });
    expect(await peek('operator:op_1', 'shop_a')).toEqual({ view: false, edit: false });
  });
});
