import {
  type BusinessRegistry,
  type CustomsRecord,
  createSandboxKycProviders,
  type DishonestList,
  type IdentityAuthority,
  normalizeName,
} from '../../adapters/kyc/index.js';

/**
 * KYC-6 automated checks. Each check's stored result holds outcomes only (no names, no numbers).
 * `final` marks a failure no resubmission can fix; its reason code rejects the case at once.
 */

export type KycProviders = {
  identityAuthority: IdentityAuthority;
  businessRegistry: BusinessRegistry;
  dishonestList: DishonestList;
  customsRecord: CustomsRecord;
};

export type CheckOutcome = {
  check: 'identity' | 'business_registry' | 'dishonest_list' | 'customs';
  status: 'green' | 'red' | 'unavailable';
  result: Record<string, string | boolean | number>;
  finalReason?: 'identity_not_found' | 'dishonest_person';
};

export type Subject =
  | { kind: 'personal'; name: string; idNumber: string }
  | {
      kind: 'enterprise';
      companyName: string;
      uscc: string;
      legalRepresentative: { name: string; idNumber: string };
    };

export function defaultKycProviders(): KycProviders {
  return createSandboxKycProviders();
}

async function guarded(
  check: CheckOutcome['check'],
  run: () => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  try {
    return await run();
  } catch {
    // ProviderUnavailableError, or a number the provider cannot handle: a human decides.
    return { check, status: 'unavailable', result: { error: 'provider_unavailable' } };
  }
}

export async function runChecks(
  p: KycProviders,
  subject: Subject,
  crossBorder: boolean,
  /** Today in Asia/Shanghai, YYYY-MM-DD: an expired customs registration is red. */
  today: string,
): Promise<CheckOutcome[]> {
  const person =
    subject.kind === 'personal'
      ? { name: subject.name, idNumber: subject.idNumber }
      : subject.legalRepresentative;
  const out: CheckOutcome[] = [];
  out.push(
    await guarded('identity', async () => {
      const { result } = await p.identityAuthority.verify(person);
      const final = result === 'no_record' || result === 'deceased';
      return {
        check: 'identity',
        status: result === 'match' ? 'green' : result === 'unavailable' ? 'unavailable' : 'red',
        result: { result, subject: subject.kind === 'personal' ? 'holder' : 'legal_representative' },
        ...(final ? { finalReason: 'identity_not_found' as const } : {}),
      };
    }),
  );
  if (subject.kind === 'enterprise') {
    out.push(
      await guarded('business_registry', async (): Promise<CheckOutcome> => {
        const rec = await p.businessRegistry.lookup({ uscc: subject.uscc });
        if (rec.result === 'not_found')
          return { check: 'business_registry', status: 'red', result: { result: 'not_found' } };
        const nameMatches = normalizeName(rec.companyName) === normalizeName(subject.companyName);
        const repMatches =
          normalizeName(rec.legalRepresentative) === normalizeName(subject.legalRepresentative.name);
        const ok = nameMatches && repMatches && rec.status === 'active';
        return {
          check: 'business_registry',
          status: ok ? 'green' : 'red',
          result: { result: 'found', companyStatus: rec.status, nameMatches, repMatches },
        };
      }),
    );
  }
  out.push(
    await guarded('dishonest_list', async () => {
      const targets =
        subject.kind === 'personal'
          ? [{ idNumberOrUscc: subject.idNumber, name: subject.name }]
          : [
              { idNumberOrUscc: subject.uscc, name: subject.companyName },
              { idNumberOrUscc: person.idNumber, name: person.name },
            ];
      let listed = false;
      for (const t of targets) listed = (await p.dishonestList.check(t)).listed || listed;
      return {
        check: 'dishonest_list',
        status: listed ? 'red' : 'green',
        result: { listed },
        ...(listed ? { finalReason: 'dishonest_person' as const } : {}),
      };
    }),
  );
  if (crossBorder && subject.kind === 'enterprise') {
    out.push(
      await guarded('customs', async (): Promise<CheckOutcome> => {
        const rec = await p.customsRecord.lookup({ uscc: subject.uscc });
        if (rec.result === 'not_registered')
          return { check: 'customs', status: 'red', result: { result: 'not_registered' } };
        const valid = rec.validUntil >= today;
        return {
          check: 'customs',
          status: valid ? 'green' : 'red',
          result: { result: valid ? 'registered' : 'expired', validUntil: rec.validUntil },
        };
      }),
    );
  }
  return out;
}

export type AutoDecision =
  | { event: 'auto_approve'; reasons: [] }
  | { event: 'auto_reject_final'; reasons: string[] }
  | { event: 'to_review'; reasons: [] };

/** All green on a personal, domestic case approves; a final failure rejects; the rest goes to a human. */
export function decide(kind: Subject['kind'], crossBorder: boolean, checks: CheckOutcome[]): AutoDecision {
  const finals = [...new Set(checks.flatMap((c) => (c.finalReason ? [c.finalReason] : [])))];
  if (finals.length > 0) return { event: 'auto_reject_final', reasons: finals };
  if (kind === 'personal' && !crossBorder && checks.every((c) => c.status === 'green'))
    return { event: 'auto_approve', reasons: [] };
  return { event: 'to_review', reasons: [] };
}
