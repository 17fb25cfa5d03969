import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { expect } from 'vitest';
import { makeSandboxIdImage, makeValidIdNumber } from '../../src/adapters/kyc/index.js';
import type { App } from '../../src/app.js';
import { bearer, registerMerchant } from './accounts.js';

/**
 * Verification test helpers: real uploads through POST /v1/uploads, attached to the case's slots,
 * and a liveness session passed through the sandbox engine — the same calls the portal makes.
 */

export function multipart(parts: Array<{ name: string; bytes: Buffer; type?: string; filename?: string }>) {
  const boundary = `----kaidian${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename ?? 'photo.png'}"\r\n` +
          `Content-Type: ${p.type ?? 'image/png'}\r\n\r\n`,
      ),
      p.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(app: App, token: string, purpose: string, bytes: Buffer): Promise<string> {
  const body = multipart([{ name: 'file', bytes }]);
  const res = await app.inject({
    method: 'POST',
    url: `/v1/uploads?purpose=${purpose}`,
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().upload.id as string;
}

/** A face-camera sized frame that passes the liveness_frame checks (sandbox mode judges by the ID). */
export const livenessFrame = (seed = 0) =>
  sharp(randomBytes(640 * 480 * 3), { raw: { width: 640, height: 480, channels: 3 } })
    .jpeg({ quality: 80 + (seed % 10) })
    .toBuffer();

const SLOT_PURPOSE: Record<string, string> = {
  legal_rep_id_front: 'id_front',
  legal_rep_id_back: 'id_back',
};

/** Uploads and attaches every missing document; the ID photos carry what the sandbox OCR reads. */
export async function attachDocuments(
  app: App,
  token: string,
  caseId: string,
  person: { name: string; idNumber: string; validUntil?: string },
) {
  const got = await app.inject({ method: 'GET', url: `/v1/verifications/${caseId}`, headers: bearer(token) });
  const missing = got.json().verification.missingDocuments as string[];
  for (const slot of missing) {
    const bytes = await makeSandboxIdImage(
      slot.endsWith('id_back')
        ? { validUntil: person.validUntil ?? '长期' }
        : { name: person.name, idNumber: person.idNumber },
    );
    const uploadId = await upload(app, token, SLOT_PURPOSE[slot] ?? slot, bytes);
    const res = await app.inject({
      method: 'PUT',
      url: `/v1/verifications/${caseId}/documents/${slot}`,
      headers: bearer(token),
      payload: { uploadId },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** Starts a liveness session for the case and posts frames; returns the attempt's answer. */
export async function doLiveness(app: App, token: string, caseId: string) {
  const started = await app.inject({
    method: 'POST',
    url: '/v1/liveness-sessions',
    headers: bearer(token),
    payload: { verificationId: caseId },
  });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().session.id as string;
  const body = multipart([
    { name: 'frames', bytes: await livenessFrame(1), type: 'image/jpeg', filename: 'f1.jpg' },
    { name: 'frames', bytes: await livenessFrame(2), type: 'image/jpeg', filename: 'f2.jpg' },
  ]);
  const res = await app.inject({
    method: 'POST',
    url: `/v1/liveness-sessions/${id}/attempts`,
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { attempt: { passed: boolean; reason: string | null }; session: { id: string } };
}

/** Everything a case needs before submission: documents, and liveness for personal cases. */
export async function prepareCase(
  app: App,
  token: string,
  caseId: string,
  person: { name: string; idNumber: string; validUntil?: string },
) {
  await attachDocuments(app, token, caseId, person);
  const got = await app.inject({ method: 'GET', url: `/v1/verifications/${caseId}`, headers: bearer(token) });
  const v = got.json().verification;
  if (v.liveness.required && !v.liveness.passed) await doLiveness(app, token, caseId);
}

let nextSequence = 100;

/**
 * A merchant whose personal case was approved through the real flow: documents, a passed liveness
 * session, submission, automatic approval by the sandbox providers. Each call uses a new ID number
 * (sequences 100–899, clear of the sandbox's magic values).
 */
export async function verifiedMerchant(
  app: App,
  opts: { name?: string; accountType?: 'personal' | 'enterprise' } = {},
) {
  const m = await registerMerchant(app, opts.accountType ? { accountType: opts.accountType } : {});
  const name = opts.name ?? '张三';
  const idNumber = makeValidIdNumber(String(nextSequence));
  nextSequence = nextSequence >= 899 ? 100 : nextSequence + 1;
  const created = await app.inject({
    method: 'POST',
    url: '/v1/verifications',
    headers: bearer(m.token),
    payload: { kind: 'personal', name, idRegion: 'mainland', idType: 'resident_id', idNumber },
  });
  expect(created.statusCode, created.body).toBe(201);
  const verificationId = created.json().verification.id as string;
  await prepareCase(app, m.token, verificationId, { name, idNumber });
  const res = await app.inject({
    method: 'POST',
    url: `/v1/verifications/${verificationId}/submit`,
    headers: bearer(m.token),
  });
  expect(res.json().verification.status, res.body).toBe('approved');
  return { ...m, name, idNumber, verificationId };
}
