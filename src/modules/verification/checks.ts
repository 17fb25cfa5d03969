import {
  type BusinessRegistry,
  type CustomsRecord,
  compareOcr,
  createSandboxKycProviders,
  createSandboxOcr,
  type DishonestList,
  type IdentityAuthority,
  normalizeName,
  type Ocr,
} from '../../adapters/kyc/index.js';
import { checkDocumentValidity } from './validators/document-expiry.js';

/**
 * KYC-6 automated checks. Each check's stored result holds outcomes only (no names, no numbers).
 * `final` marks a failure no resubmission can fix; its reason code rejects the case at once.
 */

export type KycProviders = {
  identityAuthority: IdentityAuthority;
  businessRegistry: BusinessRegistry;
  dishonestList: DishonestList;
  customsRecord: CustomsRecord;
  ocr: Ocr;
};

/** What the merchant handed in beyond the typed details: ID photos and the liveness result. */
export type Evidence = {
  /** Portrait side of the holder's ID (name, number): OCR (KYC-7). */
  idFront: Buffer | null;
  /** Emblem side (validity period): KYC-3. */
  idBack: Buffer | null;
  /** The end date the merchant typed, if any. */
  typedValidUntil: string | null;
  /** LIV-1, when the case needs it: the latest passed liveness session, or null. */
  liveness: { required: boolean; passed: { similarity: number | null } | null };
};

export type CheckOutcome = {
  check:
    | 'identity'
    | 'business_registry'
    | 'dishonest_list'
    | 'customs'
    | 'ocr'
    | 'document_validity'
    | 'liveness';
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
  return { ...createSandboxKycProviders(), ocr: createSandboxOcr() };
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
  evidence?: Evidence,
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
  if (evidence) out.push(...(await evidenceChecks(p, person, evidence, today)));
  return out;
}

/** KYC-7 (OCR matches what was typed), KYC-3 (validity ≥ 3 months), LIV-1 (liveness passed). */
async function evidenceChecks(
  p: KycProviders,
  person: { name: string; idNumber: string },
  e: Evidence,
  today: string,
): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = [];
  let readUntil: string | undefined;
  if (e.idFront) {
    const front = e.idFront;
    out.push(
      await guarded('ocr', async (): Promise<CheckOutcome> => {
        const read = await p.ocr.readIdCard(front);
        if (read.confidence === 0)
          return { check: 'ocr', status: 'unavailable', result: { result: 'unreadable' } };
        const mismatch = compareOcr(person, read);
        return {
          check: 'ocr',
          status: mismatch.length === 0 ? 'green' : 'red',
          result: {
            result: mismatch.length === 0 ? 'match' : 'mismatch',
            nameMatches: !mismatch.includes('name'),
            idNumberMatches: !mismatch.includes('idNumber'),
            confidence: read.confidence,
          },
        };
      }),
    );
  }
  if (e.idBack) {
    try {
      readUntil = (await p.ocr.readIdCard(e.idBack)).validUntil;
    } catch {
      readUntil = undefined;
    }
  }
  const until = readUntil ?? e.typedValidUntil ?? undefined;
  if (until) {
    out.push(
      await guarded('document_validity', async (): Promise<CheckOutcome> => {
        const v = checkDocumentValidity({ validUntil: until, today: new Date(`${today}T12:00:00+08:00`) });
        const source = readUntil ? 'ocr' : 'typed';
        return v.ok
          ? { check: 'document_validity', status: 'green', result: { result: 'valid', source } }
          : {
              check: 'document_validity',
              status: 'red',
              result: { result: v.reason, source, validUntil: v.validUntil, requiredUntil: v.requiredUntil },
            };
      }),
    );
  }
  if (e.liveness.required) {
    const passed = e.liveness.passed;
    out.push({
      check: 'liveness',
      status: passed ? 'green' : 'red',
      result: passed
        ? { result: 'passed', ...(passed.similarity !== null ? { similarity: passed.similarity } : {}) }
        : { result: 'not_passed' },
    });
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
