/** Types of the shop API's bodies (SPEC §4–§6), as the server's schemas return them. */

export type ShopStatus =
  | 'draft'
  | 'pending_qualification'
  | 'pending_deposit'
  | 'ready_to_activate'
  | 'active'
  | 'restricted'
  | 'suspended'
  | 'closing'
  | 'closed';

export const SHOP_STATUSES: readonly ShopStatus[] = [
  'draft',
  'pending_qualification',
  'pending_deposit',
  'ready_to_activate',
  'active',
  'restricted',
  'suspended',
  'closing',
  'closed',
];

export type Shop = {
  id: string;
  name: string;
  status: ShopStatus;
  categoryId: string;
  restriction: unknown;
  createdAt: string;
  statusChangedAt: string;
};

export type NameReason =
  | 'taken'
  | 'blank'
  | 'too_short'
  | 'too_long'
  | 'invalid_characters'
  | 'no_letters_or_digits'
  | 'forbidden';
export type NameAvailability = {
  available: boolean;
  name: string;
  reason?: NameReason;
  category?: string;
  term?: string;
  suggestions: string[];
};

export type Requirements = {
  qualifications: Array<{ code: string; name: string }>;
  deposit: { amountFen: number; currency: 'CNY' };
  manualReview: boolean;
  highRisk: boolean;
  regulatedIndustry: boolean;
};
export type CategoryL2 = {
  id: string;
  name: string;
  nameZh: string;
  nameEn: string;
  requirements: Requirements;
};
export type CategoryL1 = { id: string; name: string; nameZh: string; nameEn: string; children: CategoryL2[] };

export type QualificationStatus = 'missing' | 'attached' | 'pending_review' | 'approved' | 'rejected';
export type Qualification = {
  code: string;
  name: string;
  status: QualificationStatus;
  uploadId: string | null;
  reason: { code: string; message: string } | null;
  submittedAt: string | null;
  decidedAt: string | null;
};

export type DepositStatus = 'not_required' | 'unpaid' | 'partially_paid' | 'paid';
export type DepositEntry = {
  id: string;
  transactionId: string;
  kind: string;
  account: 'held' | 'pending';
  amountFen: number;
  refId: string;
  createdAt: string;
};
export type Deposit = {
  requiredFen: number;
  heldFen: number;
  pendingFen: number;
  status: DepositStatus;
  entries: DepositEntry[];
  nextCursor: string | null;
};
export type Payment = {
  id: string;
  shopId: string;
  amountFen: number;
  status: 'pending' | 'succeeded' | 'failed';
  provider: string;
  payUrl: string | null;
  createdAt: string;
  paidAt: string | null;
};

export type TextStyle = { fontSize: number; color?: string; bold?: boolean };
export type DecorationModule =
  | {
      type: 'hero_banner';
      imageId?: string;
      title?: string;
      subtitle?: string;
      link?: string;
      textStyle?: TextStyle;
    }
  | {
      type: 'promotion';
      title: string;
      body?: string;
      badge?: string;
      imageId?: string;
      link?: string;
      textStyle?: TextStyle;
    }
  | {
      type: 'category_nav';
      title?: string;
      items: Array<{ label: string; link: string }>;
      textStyle?: TextStyle;
    }
  | { type: 'customer_service'; title: string; hours?: string; textStyle?: TextStyle }
  | { type: 'return_policy'; title: string; days: 0 | 7 | 15 | 30; body: string; textStyle?: TextStyle }
  | { type: 'rich_text'; text: string; textStyle?: TextStyle }
  | { type: 'product_grid'; title?: string; productIds: string[]; columns: 2 | 3; textStyle?: TextStyle };
export type Theme = { primary: string; background: string; text: string };
export type Template = {
  id: string;
  name: { zh: string; en: string };
  priceFen: number;
  free: boolean;
  theme: Theme;
  modules: DecorationModule[];
};
export type Decoration = {
  shopId: string;
  templateId: string;
  draft: { theme: Theme; modules: DecorationModule[]; version: number; updatedAt: string };
  published: {
    theme: Theme;
    modules: DecorationModule[];
    templateId: string;
    version: number;
    publishedAt: string;
  } | null;
  templatePaid: boolean;
};
export type DecorationImage = {
  id: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  url: string;
};

export type Media = {
  id: string;
  kind: 'image' | 'video';
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
};
export type ProductOption = { name: string; values: string[] };
export type Sku = { id: string; options: Record<string, string>; priceFen: number; stock: number };
export type Product = {
  id: string;
  shopId: string;
  title: string;
  status: 'listed' | 'delisted';
  options: ProductOption[];
  mainImageId: string;
  videoId: string | null;
  skus: Sku[];
  createdAt: string;
  updatedAt: string;
};
export type ProductInput = {
  title: string;
  options?: ProductOption[];
  skus: Array<{ options: Record<string, string>; priceFen: number; stock: number }>;
  mainImageId: string;
  videoId?: string | null;
};

export type Task = {
  code: string;
  severity: 'info' | 'warning' | 'blocking';
  message: string;
  dueAt?: string;
  codes?: string[];
};
export type ShopBrief = { id: string; name: string; status: ShopStatus; categoryId: string };
export type ActivationSummary = {
  shop: ShopBrief;
  phone: string | null;
  email: string | null;
  identity: {
    kind: 'personal' | 'enterprise';
    name: string;
    number: string;
    legalRepresentative?: string;
  } | null;
  category: { id: string; name: string; path: string[] } | null;
  deposit: { requiredFen: number; heldFen: number; status: string };
  qualifications: Qualification[];
  missing: Array<{ step: string; message: string; codes?: string[] }>;
  tasks: Task[];
  ready: boolean;
  corrections: Record<string, string>;
};
export type ActivationSent = {
  channels: Array<'sms' | 'email'>;
  expiresAt: string;
  resendAfterSeconds: number;
};
export type ActivationResult = { shop: ShopBrief; alreadyActive: boolean };
export type ShopHome = {
  shop: ShopBrief;
  tasks: Task[];
  figures: {
    productsCount: number;
    /** null for a sub-account without finance.view (docs/staff.md). */
    depositRequiredFen: number | null;
    depositHeldFen: number | null;
    depositStatus: string | null;
    qualificationsRequired: number;
    qualificationsApproved: number;
  };
};

export type TicketType = 'activation' | 'verification_expedite' | 'account' | 'other';
export type TicketStatus = 'open' | 'answered' | 'resolved' | 'closed';
export type Device = { userAgent: string; platform: string; screen: string; appVersion?: string };
export type TicketSummary = {
  id: string;
  type: TicketType;
  status: TicketStatus;
  subject: string;
  shopId: string | null;
  verificationId: string | null;
  device: Device | null;
  createdAt: string;
  updatedAt: string;
};
export type Attachment = { id: string; mime: string; bytes: number; width: number; height: number };
export type Ticket = TicketSummary & {
  messages: Array<{
    id: string;
    author: 'merchant' | 'operator' | 'system';
    body: string;
    createdAt: string;
  }>;
  attachments: Attachment[];
};
export type TicketInput = {
  type: TicketType;
  subject: string;
  body: string;
  shopId?: string;
  device: Device;
  screenshotUploadIds?: string[];
};
