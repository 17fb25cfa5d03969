import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../../adapters/kyc/index.js';
import { decide, defaultKycProviders, type KycProviders, runChecks } from './checks.js';

const person = { kind: 'personal' as const, name: '张三', idNumber: '11010519900307001X' };

function providers(over: Partial<KycProviders> = {}): KycProviders {
  return {
    ...defaultKycProviders(),
    identityAuthority: { name: 'fake', verify: async () => ({ result: 'match' }) },
    dishonestList: { name: 'fake', check: async () => ({ listed: false }) },
    ...over,
  };
}

describe('automated checks (KYC-6)', () => {
  it('approves an all-green domestic personal case and nothing else', async () => {
    const checks = await runChecks(providers(), person, false, '2026-11-23');
    expect(checks.map((c) => c.status)).toEqual(['green', 'green']);
    expect(decide('personal', false, checks).event).toBe('auto_approve');
    expect(decide('personal', true, checks).event).toBe('to_review');
    expect(decide('enterprise', false, checks).event).toBe('to_review');
  });

  it('rejects finally on deceased or listed, with the matching reason codes', async () => {
    const checks = await runChecks(
      providers({
        identityAuthority: { name: 'fake', verify: async () => ({ result: 'deceased' }) },
        dishonestList: { name: 'fake', check: async () => ({ listed: true }) },
      }),
      person,
      false,
      '2026-11-23',
    );
    expect(decide('personal', false, checks)).toEqual({
      event: 'auto_reject_final',
      reasons: ['identity_not_found', 'dishonest_person'],
    });
  });

  it('sends an unreachable provider or a mismatch to a human, and stores no PII', async () => {
    const down = await runChecks(
      providers({
        identityAuthority: {
          name: 'fake',
          verify: async () => {
            throw new ProviderUnavailableError('fake');
          },
        },
      }),
      person,
      false,
      '2026-11-23',
    );
    expect(down[0]).toMatchObject({ check: 'identity', status: 'unavailable' });
    expect(decide('personal', false, down).event).toBe('to_review');
    const mismatch = await runChecks(
      providers({ identityAuthority: { name: 'fake', verify: async () => ({ result: 'name_mismatch' }) } }),
      person,
      false,
      '2026-11-23',
    );
    expect(decide('personal', false, mismatch).event).toBe('to_review');
    expect(JSON.stringify([down, mismatch])).not.toMatch(/张三|11010519900307001X/);
  });
});
