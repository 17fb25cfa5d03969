/** Shapes of the operator API for shops (src/modules/{qualifications,support,deposits,categories}). */

export type QualificationStatus = 'pending_review' | 'approved' | 'rejected';
export const QUALIFICATION_STATUSES: QualificationStatus[] = ['pending_review', 'approved', 'rejected'];
/** src/modules/qualifications/reasons.ts: the codes a rejection may carry. */
export const QUALIFICATION_REASONS = [
  'document_unclear',
  'document_expired',
  'holder_mismatch',
  'scope_mismatch',
  'wrong_document',
  'suspected_forgery',
] as const;
export type QualificationReason = (typeof QUALIFICATION_REASONS)[number];

export type QualificationSummary = {
  id: string;
  shopId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  status: string;
  uploadId: string;
  reason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  claimedBy: string | null;
  waitingMs?: number | null;
};
export type QualificationDetails = {
  qualification: QualificationSummary;
  shop: { id: string; name: string; status: string; categoryId: string } | null;
  history: Array<{
    event: string;
    from: string | null;
    to: string;
    actorType: string;
    actorId: string | null;
    reason: string | null;
    note: string | null;
    at: string;
  }>;
};
export type QualificationDecision = {
  decision: 'approve' | 'reject';
  reason?: QualificationReason;
  note?: string;
};

export const TICKET_STATUSES = ['open', 'answered', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_TYPES = ['activation', 'verification_expedite', 'account', 'other'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export type TicketSummary = {
  id: string;
  type: TicketType;
  status: TicketStatus;
  subject: string;
  shopId: string | null;
  verificationId: string | null;
  device: { userAgent: string; platform: string; screen: string; appVersion?: string } | null;
  createdAt: string;
  updatedAt: string;
  merchantId?: string;
};
export type TicketFull = TicketSummary & {
  messages: Array<{
    id: string;
    author: 'merchant' | 'operator' | 'system';
    body: string;
    createdAt: string;
  }>;
  attachments: Array<{ id: string; mime: string; bytes: number; width: number; height: number }>;
};

export type DepositStatement = {
  requiredFen: number;
  heldFen: number;
  pendingFen: number;
  status: 'not_required' | 'unpaid' | 'partially_paid' | 'paid';
  entries: Array<{
    id: string;
    transactionId: string;
    kind: string;
    account: 'held' | 'pending';
    amountFen: number;
    refId: string;
    createdAt: string;
  }>;
  nextCursor: string | null;
};
export type Deduction = {
  id: string;
  shopId: string;
  amountFen: number;
  reason: string;
  evidenceUploadIds: string[];
  status: 'pending' | 'appealed' | 'upheld' | 'reversed';
  appealDeadlineAt: string;
  appeal: { statement: string; uploadIds: string[]; appealedAt: string } | null;
  decidedAt: string | null;
  createdAt: string;
};
export type Refund = {
  id: string;
  shopId: string;
  amountFen: number;
  status: 'processing' | 'succeeded' | 'failed' | 'partially_failed';
  parts: Array<{ id: string; paymentId: string; amountFen: number; status: string }>;
};

export type CategoryRequirements = {
  qualifications: string[];
  deposit: { amountFen: number };
  manualReview: boolean;
  highRisk: boolean;
  regulatedIndustry: boolean;
};
export type AdminCategory = {
  id: string;
  level: 1 | 2;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  position: number;
  status: 'active' | 'disabled';
  requirements: CategoryRequirements | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type AdminCategoryTree = {
  version: string;
  categories: Array<AdminCategory & { children: AdminCategory[] }>;
  qualifications: Array<{ code: string; nameZh: string; nameEn: string }>;
};

/** src/modules/shops/state-machine.ts: every status a shop can be in. */
export const SHOP_STATUSES = [
  'draft',
  'pending_qualification',
  'pending_deposit',
  'ready_to_activate',
  'active',
  'restricted',
  'suspended',
  'closing',
  'closed',
] as const;
export type ShopStatus = (typeof SHOP_STATUSES)[number];
/** src/modules/shops/restrictions.ts: what a restriction blocks, and the operators' reason codes. */
export const SHOP_EFFECTS = ['no_new_listings', 'withdrawals_frozen'] as const;
export type ShopEffect = (typeof SHOP_EFFECTS)[number];
export const OPERATOR_REASONS = [
  'violation',
  'counterfeit',
  'fraud_risk',
  'complaint',
  'qualification_expired',
  'other',
] as const;
export type OperatorReason = (typeof OPERATOR_REASONS)[number];

export type ShopHold = {
  source: 'operator' | 'reverification';
  reasons: string[];
  message: string | null;
  effects: ShopEffect[];
  since: string;
  by?: string;
};
export type ShopRestriction = {
  effects: ShopEffect[];
  reasons: string[];
  holds: ShopHold[];
  suspension: { reason: string; message: string | null; since: string; by?: string } | null;
} | null;
export type ShopCloseRequest = {
  requestedBy: 'merchant' | 'operator' | 'system';
  requestedAt: string;
  resumeStatus: ShopStatus;
  reason: string | null;
  blockedBy: { code: 'deduction_open'; openDeductions: number; since: string } | null;
  closedAt: string | null;
  refund: { id: string; amountFen: number } | null;
} | null;

/** GET /v1/admin/shops (operators' shop list; owner phone masked). */
export type AdminShop = {
  id: string;
  name: string;
  status: string;
  categoryId: string;
  restriction?: ShopRestriction;
  closeRequest?: ShopCloseRequest;
  createdAt: string;
  statusChangedAt: string;
  merchantId: string;
  ownerPhone: string | null;
};
export type AdminShopEvent = {
  event: string;
  fromStatus: ShopStatus | null;
  toStatus: ShopStatus;
  actorType: string;
  actorId: string | null;
  at: string;
};

/** POST /v1/admin/shops/{id}/status bodies (src/modules/shops/admin.routes.ts). */
export type ShopStatusAction =
  | { action: 'restrict'; reason: OperatorReason; message?: string; note?: string; effects?: ShopEffect[] }
  | { action: 'lift_restriction'; note?: string }
  | { action: 'suspend'; reason: OperatorReason; message?: string; note?: string }
  | { action: 'reinstate'; note?: string }
  | { action: 'close'; reason?: string; note?: string }
  | { action: 'complete_close'; note?: string }
  | { action: 'cancel_close'; note?: string };
export type ShopActionName = ShopStatusAction['action'];
