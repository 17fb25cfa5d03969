import { randomBytes } from 'node:crypto';
import type { App } from '../../app.js';
import { newId } from '../../kernel/ids.js';

/**
 * Test-only helpers. An approved real-name case is inserted directly (not through the submission
 * flow, which other slices extend with documents and liveness): this module only needs its
 * `status = 'approved'` and `decided_at`. Only the original columns are given (later ones have
 * defaults), hence the cast: other slices keep adding columns to verification_cases.
 */
export async function insertApprovedCase(app: App, merchantId: string, decidedAt: number): Promise<string> {
  const id = newId('vcase');
  const row = {
    id,
    merchant_id: merchantId,
    kind: 'personal',
    cross_border: 0,
    status: 'approved',
    identity_kind: 'id_number',
    identity_bidx: randomBytes(16).toString('hex'),
    holds_identity: 1,
    subject_enc: app.ctx.crypto.encrypt('{}', 'verification_cases.subject'),
    id_last4: '0000',
    reasons: '[]',
    version: 1,
    submitted_at: decidedAt,
    sla_due_at: null,
    sla_target_at: null,
    escalation_eligible_at: null,
    claimed_by: null,
    claimed_at: null,
    decided_at: decidedAt,
    created_at: decidedAt,
    updated_at: decidedAt,
  };
  await app.ctx.db
    .insertInto('verification_cases')
    .values(row as never)
    .execute();
  return id;
}

/** Creates an operator with a role and signs it in; returns its id and session token. */
export async function operatorSession(
  app: App,
  role: 'admin' | 'senior_reviewer' | 'reviewer' | 'support',
): Promise<{ id: string; token: string }> {
  const login = `op-${role.replace('_', '-')}-${randomBytes(3).toString('hex')}`;
  const password = 'correct-horse-9';
  const { id } = await app.services.operators.create({ login, role, password });
  const res = await app.inject({
    method: 'POST',
    url: '/v1/operator/sessions',
    payload: { login, password },
  });
  if (res.statusCode !== 201) throw new Error(`operator sign-in ${res.statusCode}: ${res.body}`);
  return { id, token: res.json().session.token as string };
}

export async function webhookEvents(app: App, type: string) {
  const rows = await app.ctx.db
    .selectFrom('webhook_events')
    .selectAll()
    .where('type', '=', type)
    .orderBy('created_at')
    .execute();
  return rows.map((e) => JSON.parse(e.payload) as Record<string, unknown>);
}
