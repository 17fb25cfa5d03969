/** Shapes of the operator API the console reads (src/modules/verification/review.routes.ts and friends). */

export type CaseKind = 'personal' | 'enterprise';
export type QueueStatus =
  | 'pending_review'
  | 'more_info_requested'
  | 'rejected_retry'
  | 'approved'
  | 'rejected_final';
export const QUEUE_STATUSES: QueueStatus[] = [
  'pending_review',
  'more_info_requested',
  'rejected_retry',
  'approved',
  'rejected_final',
];

export type CaseSummary = {
  id: string;
  kind: CaseKind;
  crossBorder: boolean;
  status: string;
  submittedAt: string | null;
  slaDueAt: string | null;
  remainingMs: number | null;
  claimedBy: string | null;
  /** KYC-8 expedited review (48 hours) and the SLA timer's mark; optional until every server has them. */
  expedited?: boolean;
  slaBreached?: boolean;
  escalated?: boolean;
  expeditedAt?: string | null;
  priority?: number;
};

export type CheckResult = {
  check: string;
  status: 'green' | 'red' | 'unavailable' | string;
  result: Record<string, unknown>;
  at: string;
};

export type HistoryEntry = {
  event: string;
  from: string | null;
  to: string;
  actorType: string;
  actorId: string | null;
  reasons: string[];
  internalNote: string | null;
  at: string;
};

export type CaseDocument = {
  slot: string;
  uploadId: string;
  mime?: string | null;
  width?: number | null;
  height?: number | null;
  /** The upload's findings: `{resolution, blur: {score, threshold}, flags: [...]}`. */
  quality?: unknown;
  attachedAt?: string;
};

export type Liveness = {
  required?: boolean;
  passed: boolean;
  sessionId?: string | null;
  similarity?: number | null;
} | null;

export type CaseDetails = {
  case: CaseSummary & { reasons: string[]; claimedAt: string | null };
  subject: Record<string, unknown>;
  checks: CheckResult[];
  history: HistoryEntry[];
  documents?: CaseDocument[];
  liveness?: Liveness;
};

export type Reason = {
  code: string;
  kind: 'retry' | 'final';
  appliesTo: CaseKind[];
  message: string;
  zh: string;
  en: string;
};

export type DecisionInput = {
  decision: 'approve' | 'reject' | 'request_info';
  reasons?: string[];
  internalNote?: string;
};

export type OperatorRole = 'admin' | 'senior_reviewer' | 'reviewer' | 'support';
export type OperatorInfo = { id: string; login: string; displayName: string; role: OperatorRole };
export type OperatorMe = { type: string; operator?: OperatorInfo };
export type DirectoryEntry = OperatorInfo & { status: 'active' | 'disabled' };

type Counts = { onTime: number; late: number };
export type SlaKind = 'personal' | 'enterprise' | 'cross_border';
export type ReviewStats = {
  days: number;
  since: string;
  until: string;
  funnel: {
    created: number;
    submitted: number;
    autoApproved: number;
    autoRejected: number;
    pendingReview: number;
    approved: number;
    rejectedRetry: number;
    rejectedFinal: number;
    moreInfoRequested: number;
    withdrawn: number;
  };
  statuses: Record<string, number>;
  sla: {
    total: Counts & { attainment: number | null; open: number; breaching: number };
    byKind: Array<Counts & { kind: SlaKind; attainment: number | null; open: number; breaching: number }>;
    daily: Array<Counts & { date: string; kinds: Record<SlaKind, Counts> }>;
  };
};
