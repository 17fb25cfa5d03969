/**
 * Face verification (实人认证 / 人脸核身): liveness with face comparison against the identity
 * authority's portrait (LIV-1). One small interface; vendors live beside it (aliyun.ts, tencent.ts).
 * See docs/liveness-vendors.md.
 */

export type FaceVerifyReason =
  | 'liveness_failed'
  | 'face_mismatch'
  | 'no_face'
  | 'identity_mismatch'
  | 'expired'
  | 'user_cancelled'
  | 'vendor_error';

export type FaceVerifyStart = {
  /** The vendor's session id (Alibaba `CertifyId`, Tencent `BizToken`); pass it to `result()`. */
  providerSessionId: string;
  /** Page to send the user to (H5 / WeChat flows), when the vendor returns one. */
  redirectUrl?: string;
  /** Token the client SDK / mini program needs to start the capture. */
  certifyToken?: string;
  /** Epoch ms after which the vendor session can no longer be completed. */
  expiresAt: number;
};

export type FaceVerifyResult = {
  status: 'passed' | 'failed' | 'pending';
  /** Normalised failure reason; set when `status` is `failed`. */
  reason?: FaceVerifyReason;
  /** The vendor's own result code (Alibaba `SubCode`, Tencent `Text.ErrCode`), for audit. */
  vendorCode: string;
  /** Face comparison score, 0..100, when the vendor reports one. */
  similarity?: number;
};

export type FaceVerifyStartInput = {
  outerOrderNo: string;
  name: string;
  idNumber: string;
  returnUrl: string;
  metaInfo?: string;
};

export type FaceVerifyAdapter = {
  name: string;
  start(input: FaceVerifyStartInput): Promise<FaceVerifyStart>;
  result(providerSessionId: string): Promise<FaceVerifyResult>;
};

/**
 * Thrown when a vendor call fails (HTTP error, API error code, timeout, unreadable answer).
 * A verification that ran and did not pass is not an error: it is a `failed` result.
 * Messages never carry the name or ID number sent to the vendor.
 */
export class LivenessVendorError extends Error {
  readonly vendor: string;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  constructor(
    vendor: string,
    code: string,
    message: string,
    extra: { requestId?: string | undefined; httpStatus?: number | undefined } = {},
  ) {
    super(`${vendor}: ${code}: ${message}`);
    this.name = 'LivenessVendorError';
    this.vendor = vendor;
    this.code = code;
    this.requestId = extra.requestId;
    this.httpStatus = extra.httpStatus;
  }
}

/** Mainland ID numbers (18 characters) and anything long and digit-heavy that may be one. */
const ID_LIKE = /\d{14,17}[\dXx]/g;

/**
 * Removes personal data from a vendor message before it goes into an error: every given secret
 * (name, ID number) and anything that looks like an ID number. Vendors sometimes echo parameters.
 */
export function redact(message: string, secrets: (string | undefined)[] = []): string {
  let out = message;
  for (const s of secrets) {
    if (s && s.length >= 2) out = out.split(s).join('***');
  }
  return out.replace(ID_LIKE, '***').slice(0, 300);
}

export type VendorHttpAnswer = { status: number; body: Record<string, unknown> };

/**
 * One HTTP call to a vendor with a per-request timeout (AbortSignal.timeout). Transport failures
 * become `timeout` / `network_error`; the URL and the raw error are never attached (they may hold
 * personal data). A non-JSON answer becomes `bad_response`.
 */
export async function vendorFetch(
  vendor: string,
  url: URL,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<VendorHttpAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new LivenessVendorError(vendor, 'timeout', `no answer within ${timeoutMs} ms`);
    }
    throw new LivenessVendorError(vendor, 'network_error', `request to ${url.host} failed (${name})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new LivenessVendorError(
      vendor,
      res.ok ? 'bad_response' : `http_${res.status}`,
      'answer is not a JSON object',
      {
        httpStatus: res.status,
      },
    );
  }
  return { status: res.status, body: body as Record<string, unknown> };
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A score as the vendors send it (number or numeric string), clamped to 0..100; else undefined. */
export function score(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, n));
}

/** Names the missing environment variables, so a misconfigured node fails at start-up. */
export function requireConfig<K extends string>(
  vendor: string,
  cfg: { readonly [P in NoInfer<K>]?: string | undefined },
  envNames: Record<K, string>,
): void {
  const missing = (Object.keys(envNames) as K[]).filter((k) => !cfg[k]?.trim()).map((k) => envNames[k]);
  if (missing.length > 0) {
    throw new Error(`${vendor} is selected but not configured: set ${missing.join(', ')}`);
  }
}
