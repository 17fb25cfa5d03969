import { api } from './client';
import type {
  ActivationResult,
  ActivationSent,
  ActivationSummary,
  Attachment,
  CategoryL1,
  Decoration,
  DecorationImage,
  DecorationModule,
  Deposit,
  Media,
  NameAvailability,
  Payment,
  Product,
  ProductInput,
  Qualification,
  Shop,
  ShopBrief,
  ShopHome,
  Template,
  Theme,
  Ticket,
  TicketInput,
  TicketSummary,
} from './shop-types';

export type * from './shop-types';

/**
 * Typed calls of the shop API (SPEC §4–§6: shops, categories, qualifications, deposits, decoration,
 * products, activation, support), one function per endpoint. JSON calls go through `api()`; the
 * multipart uploads (`form`) and the idempotent deposit payment (`Idempotency-Key`) too.
 */

const enc = encodeURIComponent;
const shop = (id: string) => `/v1/shops/${enc(id)}`;

// Shops and names (SHOP-1/2)
export const listShops = () => api<{ shops: Shop[] }>('/v1/shops');
export const getShop = (id: string) => api<{ shop: Shop }>(shop(id));
export const createShop = (body: { name: string; categoryId: string }) =>
  api<{ shop: Shop }>('/v1/shops', { body });
export const checkShopName = (name: string, signal?: AbortSignal) =>
  api<NameAvailability>(`/v1/shop-names/availability?name=${enc(name)}`, { signal });
export const listCategories = () => api<{ categories: CategoryL1[] }>('/v1/categories');
/** Sends a draft on: to qualification review, else the deposit, else ready to activate. */
export const submitShop = (id: string) =>
  api<{ shop: ShopBrief }>(`${shop(id)}/submit`, { method: 'POST', body: {} });

// Qualifications (SHOP-3): the document is an /v1/uploads upload of purpose industry_licence
export const listQualifications = (id: string) =>
  api<{ qualifications: Qualification[] }>(`${shop(id)}/qualifications`);
export const attachQualification = (id: string, code: string, uploadId: string) =>
  api<{ qualification: Qualification }>(`${shop(id)}/qualifications/${enc(code)}`, {
    method: 'PUT',
    body: { uploadId },
  });
export const submitQualifications = (id: string) =>
  api<{ qualifications: Qualification[] }>(`${shop(id)}/qualifications/submit`, { method: 'POST', body: {} });
export const uploadQualificationDocument = (file: Blob, name = 'licence.jpg') =>
  sendForm<{ upload: { id: string; width: number; height: number } }>(
    '/v1/uploads?purpose=industry_licence',
    file,
    name,
  );
export const uploadContentUrl = (id: string) => `/v1/uploads/${enc(id)}/content`;

// Deposit (DEP-1)
export const getDeposit = (id: string) => api<Deposit>(`${shop(id)}/deposit?limit=50`);
/** Idempotent by the client's key: a retry with the same key returns the first payment. */
export const startDepositPayment = (id: string, idempotencyKey: string, amountFen?: number) =>
  api<{ payment: Payment }>(`${shop(id)}/deposit/payments`, {
    body: amountFen ? { amountFen } : {},
    headers: { 'Idempotency-Key': idempotencyKey },
  });
export const getDepositPayment = (id: string, paymentId: string) =>
  api<{ payment: Payment }>(`${shop(id)}/deposit/payments/${enc(paymentId)}`);
export const confirmSandboxPayment = (paymentId: string) =>
  api<{ payment: Payment }>(`/v1/deposit/sandbox/payments/${enc(paymentId)}/confirm`, {
    method: 'POST',
    body: {},
  });

// Decoration (SHOP-4)
export const listTemplates = () => api<{ templates: Template[] }>('/v1/decoration/templates');
export const getDecoration = (id: string) => api<{ decoration: Decoration }>(`${shop(id)}/decoration`);
export const saveDecoration = (
  id: string,
  body: { templateId: string; theme?: Theme; modules?: DecorationModule[]; baseVersion?: number },
) => api<{ decoration: Decoration }>(`${shop(id)}/decoration`, { method: 'PUT', body });
export const publishDecoration = (id: string, version?: number) =>
  api<{ decoration: Decoration }>(`${shop(id)}/decoration/publish`, { body: version ? { version } : {} });
export const purchaseTemplate = (id: string, templateId: string) =>
  api<{
    purchase: { templateId: string; priceFen: number; status: 'pending' | 'paid'; paidAt: string | null };
  }>(`${shop(id)}/decoration/templates/${enc(templateId)}/purchase`, { method: 'POST', body: {} });
export const uploadDecorationImage = (id: string, file: Blob, name = 'banner.jpg') =>
  sendForm<{ image: DecorationImage }>(`${shop(id)}/decoration/images`, file, name);
export const decorationImageUrl = (imageId: string) => `/v1/decoration/images/${enc(imageId)}`;
export const previewUrl = (id: string) => `/shops/${enc(id)}/preview`;

// Products (PROD-1)
export const listProducts = (id: string) =>
  api<{ products: Product[]; nextCursor: string | null }>(`${shop(id)}/products?limit=50`);
export const createProduct = (id: string, body: ProductInput) =>
  api<{ product: Product }>(`${shop(id)}/products`, { body });
export const uploadProductImage = (id: string, file: Blob, name = 'main.jpg') =>
  sendForm<{ media: Media }>(`${shop(id)}/products/images`, file, name);
export const uploadProductVideo = (id: string, file: Blob, name = 'video.mp4') =>
  sendForm<{ media: Media }>(`${shop(id)}/products/videos`, file, name);

// Activation (ACT-1/2/4)
export const getActivation = (id: string) => api<ActivationSummary>(`${shop(id)}/activation`);
export const sendActivation = (id: string) =>
  api<ActivationSent>(`${shop(id)}/activation/send`, { method: 'POST', body: {} });
export const confirmActivation = (id: string, code: string) =>
  api<ActivationResult>(`${shop(id)}/activation/confirm`, { body: { code } });
/** The link's token is the proof: no session needed (the link may be opened on another device). */
export const confirmActivationLink = (token: string) =>
  api<ActivationResult>('/v1/shop-activations/confirm', { body: { token } });
export const getShopHome = (id: string) => api<ShopHome>(`${shop(id)}/home`);

// Support (ACT-3)
export const listTickets = () => api<{ tickets: TicketSummary[] }>('/v1/support/tickets');
export const getTicket = (ticketId: string) =>
  api<{ ticket: Ticket }>(`/v1/support/tickets/${enc(ticketId)}`);
export const openTicket = (body: TicketInput) => api<{ ticket: Ticket }>('/v1/support/tickets', { body });
export const replyTicket = (ticketId: string, body: string) =>
  api<{ ticket: Ticket }>(`/v1/support/tickets/${enc(ticketId)}/messages`, { body: { body } });
export const uploadScreenshot = (file: Blob, name = 'screenshot.png') =>
  sendForm<{ attachment: Attachment }>('/v1/support/attachments', file, name);
export const attachmentUrl = (id: string) => `/v1/support/attachments/${enc(id)}`;

// Payout accounts (PAY-1): binding and unbinding need a fresh step-up (403 step_up_required)
export type PayoutKind = 'alipay' | 'wechat_pay' | 'bank_card';
export type PayoutAccount = {
  id: string;
  kind: PayoutKind;
  accountMasked: string;
  bankName: string | null;
  cardType: 'debit' | 'credit' | null;
  luhnExempt: boolean;
  priority: number;
  isDefault: boolean;
  createdAt: string;
};
export type PayoutInput =
  | { kind: 'alipay' | 'wechat_pay'; account: string; holderName: string; reservedPhone: string }
  | {
      kind: 'bank_card';
      account: string;
      bankName: string;
      cardType: 'debit' | 'credit';
      holderName: string;
      reservedPhone: string;
    };
export const listPayoutAccounts = () => api<{ payoutAccounts: PayoutAccount[] }>('/v1/payout-accounts');
export const bindPayoutAccount = (body: PayoutInput) =>
  api<{ payoutAccount: PayoutAccount }>('/v1/payout-accounts', { body });
export const unbindPayoutAccount = (id: string) =>
  api<void>(`/v1/payout-accounts/${enc(id)}`, { method: 'DELETE' });
export const orderPayoutAccounts = (ids: string[]) =>
  api<{ payoutAccounts: PayoutAccount[] }>('/v1/payout-accounts/order', { method: 'PUT', body: { ids } });
export const setDefaultPayoutAccount = (id: string) =>
  api<{ payoutAccount: PayoutAccount }>(`/v1/payout-accounts/${enc(id)}/default`, {
    method: 'POST',
    body: {},
  });

/** One file as multipart/form-data (the browser sets the boundary). */
function sendForm<T>(path: string, file: Blob, name: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : name);
  return api<T>(path, { form });
}
