import {
  type FaceVerifyAdapter,
  type FaceVerifyReason,
  type FaceVerifyResult,
  LivenessVendorError,
  redact,
  requireConfig,
  score,
  str,
  vendorFetch,
} from './liveness.js';
import { signTc3 } from './tc3.js';

export { signTc3, type Tc3Input, type Tc3Signed } from './tc3.js';

/**
 * Tencent Cloud 人脸核身 (faceid, API version 2018-03-01): `DetectAuth` starts a session and
 * returns a BizToken (valid 7,200 s) and, for WeChat H5, a URL; `GetDetectInfoEnhanced` reads
 * the result. Requests are JSON POSTs signed with TC3-HMAC-SHA256. See docs/liveness-vendors.md.
 */
export type TencentFaceIdConfig = {
  secretId?: string | undefined;
  secretKey?: string | undefined;
  /** Business flow id created in the faceid console. */
  ruleId?: string | undefined;
  endpoint: string;
  /** Sent as X-TC-Region when set; these two actions do not need it. */
  region?: string | undefined;
  /** Per-request timeout, default 10 s. */
  timeoutMs?: number | undefined;
  /** How long a started session can be completed, default 7,200 s (BizToken lifetime). */
  sessionTtlMs?: number | undefined;
  now?: (() => Date) | undefined;
};

const VENDOR = 'tencent-faceid';
const SERVICE = 'faceid';
const VERSION = '2018-03-01';

const envNames = {
  secretId: 'KAIDIAN_TENCENT_FACEID_SECRET_ID',
  secretKey: 'KAIDIAN_TENCENT_FACEID_SECRET_KEY',
  ruleId: 'KAIDIAN_TENCENT_FACEID_RULE_ID',
} as const;

/**
 * `Text.ErrCode` → normalised reason, from Tencent's "人脸核身服务错误码" tables (0 = passed,
 * 17 = flow not finished → pending). Verify against the current vendor docs. Codes not listed:
 * 1100–1399 (number / action / reflection liveness families) → liveness_failed, else vendor_error.
 */
export const TENCENT_ERRCODE_REASONS: Readonly<Record<number, FaceVerifyReason>> = {
  15: 'expired', // Token 过期
  16: 'liveness_failed', // 已达到重试上限 (the user failed too many times)
  301: 'identity_mismatch', // 认证人身份证号码与业务传入证件号码不符
  302: 'identity_mismatch', // 身份证已过期
  1001: 'vendor_error', // 引擎超时
  1002: 'liveness_failed', // 疑似非真人录制
  1003: 'liveness_failed', // 人脸识别验证未成功
  1004: 'liveness_failed', // 人脸验证失败
  1005: 'liveness_failed', // 人脸验证失败
  1006: 'vendor_error', // 证照库出错
  1007: 'vendor_error', // 未拉取微信活体结果
  1008: 'vendor_error', // 用户活体过程网络不稳定
  1102: 'no_face', // 脸部未完整露出
  1104: 'vendor_error', // 视频格式出错无法检测
  1105: 'vendor_error', // 视频拉取失败
  2001: 'vendor_error', // 引擎超时
  2002: 'identity_mismatch', // 姓名有误
  2003: 'identity_mismatch', // 身份证号有误
  2004: 'no_face', // 视频提取照片出错
  2005: 'identity_mismatch', // 未查询到身份信息
  2006: 'identity_mismatch', // 姓名和身份证号不匹配
  2007: 'vendor_error', // 未查询到照片信息 (authority photo missing)
  2008: 'vendor_error', // 未查询到照片信息
  2009: 'vendor_error', // 查询到照片分辨率过低
  2010: 'no_face', // 脸部未完整露出
  2011: 'liveness_failed', // 无法判断为同一人(疑似非活体)
  2012: 'no_face', // 检测到多张人脸
  2013: 'no_face', // 脸部未完整露出
  2014: 'no_face', // 视频像素太低无法检测
  2015: 'face_mismatch', // 无法判断为同一人(比对失败)
  2016: 'face_mismatch', // 无法判断为同一人(相似度未达到通过阈值)
  2017: 'vendor_error', // 权威数据源升级中
};

const PENDING_ERRCODES = new Set([17]); // 本次流程未完成

export function tencentReason(errCode: number): FaceVerifyReason {
  const known = TENCENT_ERRCODE_REASONS[errCode];
  if (known) return known;
  return errCode >= 1100 && errCode < 1400 ? 'liveness_failed' : 'vendor_error';
}

/** Maps `GetDetectInfoEnhanced` `Text` to the normalised result; name and ID number are ignored. */
export function mapTencentText(text: Record<string, unknown> | null | undefined): FaceVerifyResult {
  const raw = text?.ErrCode;
  const errCode = typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : null;
  if (errCode === null || !Number.isInteger(errCode) || PENDING_ERRCODES.has(errCode)) {
    return { status: 'pending', vendorCode: errCode === null ? 'null' : String(raw) };
  }
  const out: FaceVerifyResult = { status: 'passed', vendorCode: String(errCode) };
  const sim = score(text?.Sim);
  if (sim !== undefined) out.similarity = sim;
  if (errCode === 0) return out;
  return { ...out, status: 'failed', reason: tencentReason(errCode) };
}

type TcResponse = { Response?: Record<string, unknown> };

export function createTencentFaceVerify(cfg: TencentFaceIdConfig): FaceVerifyAdapter {
  requireConfig('Tencent Cloud faceid', cfg, envNames);
  const secretId = cfg.secretId as string;
  const secretKey = cfg.secretKey as string;
  const ruleId = (cfg.ruleId as string).trim();
  const endpoint = new URL(cfg.endpoint);
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const ttlMs = cfg.sessionTtlMs ?? 7_200_000;
  const now = cfg.now ?? (() => new Date());

  /** Signs and POSTs one action; returns `Response`, or throws the API error it carries. */
  async function call(
    action: string,
    params: Record<string, string>,
    secrets: string[],
  ): Promise<{ res: Record<string, unknown>; error?: { code: string; requestId?: string } }> {
    const payload = JSON.stringify(params);
    const signed = signTc3({
      secretId,
      secretKey,
      service: SERVICE,
      host: endpoint.host,
      action,
      version: VERSION,
      region: cfg.region,
      timestamp: Math.floor(now().getTime() / 1000),
      payload,
    });
    const { Host: _host, ...headers } = signed.headers; // fetch sets Host from the URL
    const { status, body } = await vendorFetch(
      VENDOR,
      endpoint,
      { method: 'POST', headers, body: payload },
      timeoutMs,
    );
    const res = (body as TcResponse).Response;
    if (!res || typeof res !== 'object') {
      throw new LivenessVendorError(
        VENDOR,
        status >= 400 ? `http_${status}` : 'bad_response',
        'no Response object',
        {
          httpStatus: status,
        },
      );
    }
    const requestId = str(res.RequestId);
    const err = res.Error as { Code?: unknown; Message?: unknown } | undefined;
    if (err && typeof err === 'object') {
      const code = str(err.Code) ?? 'UnknownError';
      if (code === 'InvalidParameterValue.BizTokenExpired' && action === 'GetDetectInfoEnhanced') {
        return { res, error: { code, ...(requestId ? { requestId } : {}) } };
      }
      const message = redact(str(err.Message) ?? 'error', secrets);
      throw new LivenessVendorError(VENDOR, code, message, { requestId, httpStatus: status });
    }
    if (status < 200 || status >= 300) {
      throw new LivenessVendorError(VENDOR, `http_${status}`, `HTTP ${status}`, {
        requestId,
        httpStatus: status,
      });
    }
    return { res };
  }

  return {
    name: 'tencent',
    async start(input) {
      const startedAt = now().getTime();
      const { res } = await call(
        'DetectAuth',
        {
          RuleId: ruleId,
          IdCard: input.idNumber,
          Name: input.name,
          RedirectUrl: input.returnUrl,
          Extra: input.outerOrderNo,
        },
        [input.name, input.idNumber],
      );
      const bizToken = str(res.BizToken);
      if (!bizToken) {
        throw new LivenessVendorError(VENDOR, 'bad_response', 'no BizToken', {
          requestId: str(res.RequestId),
        });
      }
      const url = str(res.Url);
      return {
        providerSessionId: bizToken,
        certifyToken: bizToken,
        ...(url ? { redirectUrl: url } : {}),
        expiresAt: startedAt + ttlMs,
      };
    },
    async result(bizToken) {
      // InfoType 1 = text only: no ID card images, best frames or video are pulled (LIV-4).
      const { res, error } = await call(
        'GetDetectInfoEnhanced',
        { BizToken: bizToken, RuleId: ruleId, InfoType: '1' },
        [],
      );
      if (error) return { status: 'failed', reason: 'expired', vendorCode: error.code };
      return mapTencentText(res.Text as Record<string, unknown> | null | undefined);
    },
  };
}
