import type { VerifiedIdentity } from './payouts.service.js';

/**
 * The verified identity from an approved verification case's sealed subject: `{name, …}` for a
 * person, `{companyName, legalRepresentative: {name}}` for an enterprise. Null when unusable.
 */
export function identityFromSubject(
  kind: 'personal' | 'enterprise',
  subject: Record<string, unknown>,
): VerifiedIdentity | null {
  if (kind === 'personal') {
    return typeof subject.name === 'string' && subject.name ? { kind, name: subject.name } : null;
  }
  const rep = subject.legalRepresentative as { name?: unknown } | undefined;
  const companyName = subject.companyName;
  if (typeof companyName !== 'string' || !companyName) return null;
  return { kind, name: typeof rep?.name === 'string' ? rep.name : '', companyName };
}
