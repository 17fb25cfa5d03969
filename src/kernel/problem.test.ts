import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appError, defineErrors, type ErrorCode } from './errors.js';
import { interpolate, pickLang } from './i18n.js';
import { buildProblem, errorHandler, problemSchema, problems } from './problem.js';

// A module-style catalog entry with a text parameter, as modules declare them in <domain>.errors.ts.
defineErrors({
  test_shop_rejected: {
    status: 422,
    zh: '店铺审核未通过：{reason}（第 {round} 次）',
    en: 'The shop review failed: {reason} (round {round})',
  },
  test_case_state: { status: 409, zh: '案件当前状态为 {status}', en: 'The case is {status}' },
});

describe('buildProblem', () => {
  it('localises the title by language and carries status, code and type', () => {
    expect(buildProblem('not_found', 'zh-CN')).toEqual({
      type: '/docs/errors#not_found',
      title: '请求的资源不存在',
      status: 404,
      code: 'not_found',
    });
    expect(buildProblem('not_found', 'en', undefined, '/v1/shops/shop_1')).toEqual({
      type: '/docs/errors#not_found',
      title: 'The requested resource does not exist',
      status: 404,
      code: 'not_found',
      instance: '/v1/shops/shop_1',
    });
  });

  it('interpolates parameters into the title and keeps them as members', () => {
    const zh = buildProblem('rate_limited', 'zh-CN', { retryAfterSeconds: 30 });
    expect(zh).toMatchObject({ title: '操作过于频繁，请 30 秒后再试', status: 429, retryAfterSeconds: 30 });
    const en = buildProblem('rate_limited', 'en', { retryAfterSeconds: 30 });
    expect(en.title).toBe('Too many requests; try again in 30 seconds');
    // A missing parameter stays visible instead of printing "undefined".
    expect(buildProblem('rate_limited', 'en').title).toBe(
      'Too many requests; try again in {retryAfterSeconds} seconds',
    );
    expect(problemSchema.parse(zh)).toEqual(zh);
  });

  it('shows {zh, en} detail values in the request language, in members and title', () => {
    const details = { reason: { zh: '营业执照模糊', en: 'the business licence is blurred' }, round: 2 };
    expect(buildProblem('test_shop_rejected', 'zh-CN', details)).toEqual({
      type: '/docs/errors#test_shop_rejected',
      title: '店铺审核未通过：营业执照模糊（第 2 次）',
      status: 422,
      code: 'test_shop_rejected',
      reason: '营业执照模糊',
      round: 2,
    });
    expect(buildProblem('test_shop_rejected', 'en', details)).toMatchObject({
      title: 'The shop review failed: the business licence is blurred (round 2)',
      reason: 'the business licence is blurred',
    });
    // Other objects pass through untouched.
    const errors = [{ path: 'body.phone', message: 'required' }];
    expect(buildProblem('validation_failed', 'en', { errors }).errors).toEqual(errors);
  });

  it('an unknown code becomes internal_error', () => {
    expect(buildProblem('no_such_code', 'en')).toEqual({
      type: '/docs/errors#internal_error',
      title: 'Something went wrong on our side; try again later',
      status: 500,
      code: 'internal_error',
    });
    expect(buildProblem('no_such_code', 'zh-CN').title).toBe('服务器开小差了，请稍后再试');
  });

  it("details cannot override the problem's own members", () => {
    const p = buildProblem('conflict', 'en', {
      status: 'pending',
      code: 'vendor_42',
      type: 'x',
      title: 'y',
      instance: '/elsewhere',
      unlockAt: 5,
    });
    expect(p).toMatchObject({ type: '/docs/errors#conflict', status: 409, code: 'conflict', unlockAt: 5 });
    expect(p.title).toBe('The data changed meanwhile; reload and try again');
    expect(p.instance).toBeUndefined();
    expect(buildProblem('conflict', 'en', { instance: '/elsewhere' }, '/v1/x').instance).toBe('/v1/x');
    // Such a detail still fills the title.
    const state = buildProblem('test_case_state', 'en', { status: { zh: '待审核', en: 'pending review' } });
    expect(state).toMatchObject({ title: 'The case is pending review', status: 409 });
  });

  it('problems() declares the problem schema for each status', () => {
    expect(Object.keys(problems(400, 404, 429))).toEqual(['400', '404', '429']);
    expect(problems(400)[400]).toBe(problemSchema);
  });
});

describe('pickLang', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-CN;q=0.5, en;q=0.9', 'en'],
    ['en;q=0.1, zh-TW', 'zh-CN'],
    ['fr-FR, en;q=0.3', 'en'],
    ['fr-FR, de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['en;q=0, zh;q=0.1', 'zh-CN'],
    ['en;q=abc', 'zh-CN'],
    ['EN-GB', 'en'],
    ['zh, en', 'zh-CN'],
    ['en, zh', 'en'],
    [' en-US ; q=0.7 , zh-CN ; q=0.6 ', 'en'],
    ['*', 'zh-CN'],
  ] as const)('%j → %s', (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });

  it('interpolate leaves unknown placeholders and fills falsy values', () => {
    expect(interpolate('{a}-{b}-{c}', { a: 0, b: '' })).toBe('0--{c}');
    expect(interpolate('{a}', undefined)).toBe('{a}');
  });
});

describe('errorHandler', () => {
  async function app() {
    const f = Fastify({ logger: false, bodyLimit: 64 }).withTypeProvider<ZodTypeProvider>();
    f.setValidatorCompiler(validatorCompiler);
    f.setSerializerCompiler(serializerCompiler);
    f.setErrorHandler(errorHandler);
    f.get('/limited', async () => {
      throw appError('rate_limited', { retryAfterSeconds: 30 }, { 'retry-after': '30' });
    });
    f.get('/rejected', async () => {
      throw appError('test_shop_rejected' as ErrorCode, {
        reason: { zh: '证件过期', en: 'the ID expired' },
        round: 1,
      });
    });
    f.get('/state', async () => {
      // A module passing the state of a case as a detail, e.g. {status: 'pending'}.
      throw appError('conflict', { status: 'pending', unlockAt: 5 });
    });
    f.get('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    f.post(
      '/phones',
      { schema: { body: z.object({ phone: z.string().length(11), n: z.number() }) } },
      async () => ({
        ok: true,
      }),
    );
    await f.ready();
    return f;
  }

  it('turns an AppError into problem+json in the request language, with its headers', async () => {
    const f = await app();
    const zh = await f.inject({ url: '/limited?x=1' });
    expect(zh.statusCode).toBe(429);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.headers['retry-after']).toBe('30');
    expect(zh.json()).toEqual({
      type: '/docs/errors#rate_limited',
      title: '操作过于频繁，请 30 秒后再试',
      status: 429,
      code: 'rate_limited',
      instance: '/limited',
      retryAfterSeconds: 30,
    });
    const en = await f.inject({ url: '/rejected', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.statusCode).toBe(422);
    expect(en.json()).toMatchObject({
      title: 'The shop review failed: the ID expired (round 1)',
      reason: 'the ID expired',
    });
    await f.close();
  });

  it('a detail named like a problem member does not change the response status or code', async () => {
    const f = await app();
    const res = await f.inject({ url: '/state' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, code: 'conflict', unlockAt: 5 });
    await f.close();
  });

  it('hides unexpected errors behind internal_error', async () => {
    const f = await app();
    const res = await f.inject({ url: '/boom', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      type: '/docs/errors#internal_error',
      title: 'Something went wrong on our side; try again later',
      status: 500,
      code: 'internal_error',
      instance: '/boom',
    });
    expect(res.body).not.toContain('hunter2');
    await f.close();
  });

  it('maps validation, malformed JSON, media type and size errors to their codes', async () => {
    const f = await app();
    const invalid = await f.inject({ method: 'POST', url: '/phones', payload: { phone: '123' } });
    expect(invalid.statusCode).toBe(400);
    const body = invalid.json();
    expect(body).toMatchObject({ code: 'validation_failed', title: '请求参数有误，请检查后重试' });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.n', 'body.phone']);

    const malformed = await f.inject({
      method: 'POST',
      url: '/phones',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('bad_request');

    const media = await f.inject({
      method: 'POST',
      url: '/phones',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().code).toBe('unsupported_media_type');

    const big = await f.inject({ method: 'POST', url: '/phones', payload: { phone: 'x'.repeat(200), n: 1 } });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    await f.close();
  });
});
