import { randomUUID } from 'node:crypto';
import { aliyunTimestamp, canonicalizeAliyunQuery, percentEncode, signAliyunRpc } from '../sms/aliyun.js';
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

/**
 * Alibaba Cloud 金融级实人认证 (Cloudauth, API version 2019-03-07): `InitFaceVerify` starts a
 * session, `DescribeFaceVerify` reads its result. RPC style, Signature v1 (HMAC-SHA1), sent as a
 * POST form so the name and ID number never appear in a URL. See docs/liveness-vendors.md.
 */
export type AliyunCloudauthConfig = {
  accessKeyId?: string | undefined;
  accessKeySecret?: string | undefined;
  /** Scene created in the Cloudauth console (a Long). */
  sceneId?: string | undefined;
  endpoint: string;
  /** `ID_PRO` (app / H5 real-person verification, the default). */
  productCode?: string | undefined;
  /** Liveness type, default `MULTI_ACTION` (blink + head shake in random order, LIV-1). */
  model?: string | undefined;
  /** `H5` or `WEB` for browser flows that want a `CertifyUrl`; omitted when unset. */
  certifyUrlType?: string | undefined;
  regionId?: string | undefined;
  /** Per-request timeout, default 10 s. */
  timeoutMs?: number | undefined;
  /** How long a started session can be completed, default 30 min (verify against vendor docs). */
  sessionTtlMs?: number | undefined;
  now?: (() => Date) | undefined;
};

const VENDOR = 'aliyun-cloudauth';
const VERSION = '2019-03-07';

const envNames = {
  accessKeyId: 'KAIDIAN_ALIYUN_CLOUDAUTH_ACCESS_KEY_ID',
  accessKeySecret: 'KAIDIAN_ALIYUN_CLOUDAUTH_ACCESS_KEY_SECRET',
  sceneId: 'KAIDIAN_ALIYUN_CLOUDAUTH_SCENE_ID',
} as const;

/**
 * `ResultObject.SubCode` → normalised reason, from Alibaba's "ResultObject.SubCode 错误码说明".
 * Verify against the current vendor docs. `ResultObject.Passed` decides pass/fail; the SubCode
 * only explains a failure.
 */
export const ALIYUN_SUBCODE_REASONS: Readonly<Record<string, FaceVerifyReason>> = {
  '201': 'identity_mismatch', // 姓名和身份证不一致
  '202': 'identity_mismatch', // 查询不到身份信息 (no record at the authority; manual review advised)
  '203': 'vendor_error', // 查询不到照片或照片不可用 (authority photo missing; manual review advised)
  '204': 'face_mismatch', // 人脸比对不一致
  '205': 'liveness_failed', // 活体检测存在风险 (suspected attack)
  '206': 'vendor_error', // 业务策略限制 (vendor risk policy; manual review advised)
  '207': 'face_mismatch', // 人脸与身份证人脸比对不一致 (ID_PLUS)
  '209': 'vendor_error', // 权威比对源异常 (ID_PLUS)
};

/** Top-level `Code`s of DescribeFaceVerify that mean "not finished yet", not an error. */
const PENDING_CODES = new Set(['403', '424']); // 认证未完成 / 身份认证记录不存在 (not done or abandoned)

type MaterialInfo = { faceAttack?: unknown; facialPictureFront?: { verifyScore?: unknown } };

/** Reads only the attack flag and the comparison score; picture URLs and the rest are dropped. */
function parseMaterial(raw: unknown): { faceAttack?: string; similarity?: number } {
  let m: MaterialInfo | undefined;
  if (typeof raw === 'string' && raw.trim().startsWith('{')) {
    try {
      m = JSON.parse(raw) as MaterialInfo;
    } catch {
      m = undefined;
    }
  } else if (typeof raw === 'object' && raw !== null) {
    m = raw as MaterialInfo;
  }
  if (!m) return {};
  const out: { faceAttack?: string; similarity?: number } = {};
  const attack = str(m.faceAttack);
  if (attack) out.faceAttack = attack;
  const s = score(m.facialPictureFront?.verifyScore);
  if (s !== undefined) out.similarity = s;
  return out;
}

/** Maps a DescribeFaceVerify `ResultObject` to the normalised result. */
export function mapAliyunResult(ro: Record<string, unknown>): FaceVerifyResult {
  const subCode = str(ro.SubCode) ?? (typeof ro.SubCode === 'number' ? String(ro.SubCode) : '');
  const material = parseMaterial(ro.MaterialInfo);
  const base: FaceVerifyResult = { status: 'passed', vendorCode: subCode || 'unknown' };
  if (material.similarity !== undefined) base.similarity = material.similarity;
  if (ro.Passed === 'T') return base;
  const known = Object.hasOwn(ALIYUN_SUBCODE_REASONS, subCode) ? ALIYUN_SUBCODE_REASONS[subCode] : undefined;
  // An undocumented SubCode with the attack flag set is still a liveness failure.
  const reason = known ?? (material.faceAttack === 'T' ? 'liveness_failed' : 'vendor_error');
  return { ...base, status: 'failed', reason };
}

/** Alibaba wants OuterOrderNo as letters and digits, at most 32; our ids carry `_` prefixes. */
function outerOrderNoFor(id: string): string {
  const v = id.replace(/[^A-Za-z0-9]/g, '');
  if (v.length === 0 || v.length > 32) {
    throw new LivenessVendorError(VENDOR, 'invalid_outer_order_no', 'needs 1-32 letters or digits');
  }
  return v;
}

export function createAliyunFaceVerify(cfg: AliyunCloudauthConfig): FaceVerifyAdapter {
  requireConfig('Alibaba Cloud Cloudauth', cfg, envNames);
  const sceneId = (cfg.sceneId as string).trim();
  if (!/^\d{1,19}$/.test(sceneId)) throw new Error(`${envNames.sceneId} must be the numeric scene id`);
  const accessKeyId = cfg.accessKeyId as string;
  const secret = cfg.accessKeySecret as string;
  const endpoint = new URL(cfg.endpoint);
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const ttlMs = cfg.sessionTtlMs ?? 30 * 60_000;
  const now = cfg.now ?? (() => new Date());

  /** Signs and POSTs one action; returns the body when `Code` is 200/OK, else throws. */
  async function call(
    action: string,
    params: Record<string, string>,
    secrets: string[],
    okCodes: ReadonlySet<string> = new Set(),
  ): Promise<{ code: string; body: Record<string, unknown> }> {
    const all: Record<string, string> = {
      ...params,
      AccessKeyId: accessKeyId,
      Action: action,
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp(now()),
      Version: VERSION,
      ...(cfg.regionId ? { RegionId: cfg.regionId } : {}),
    };
    const signature = signAliyunRpc(all, secret, 'POST');
    const form = `Signature=${percentEncode(signature)}&${canonicalizeAliyunQuery(all)}`;
    const { status, body } = await vendorFetch(
      VENDOR,
      endpoint,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        body: form,
      },
      timeoutMs,
    );
    const code = str(body.Code) ?? (typeof body.Code === 'number' ? String(body.Code) : undefined);
    const requestId = str(body.RequestId);
    if (code && okCodes.has(code)) return { code, body };
    if (status < 200 || status >= 300 || (code !== '200' && code !== 'OK')) {
      const message = redact(str(body.Message) ?? `HTTP ${status}`, secrets);
      throw new LivenessVendorError(VENDOR, code ?? `http_${status}`, message, {
        requestId,
        httpStatus: status,
      });
    }
    return { code, body };
  }

  return {
    name: 'aliyun',
    async start(input) {
      const params: Record<string, string> = {
        SceneId: sceneId,
        OuterOrderNo: outerOrderNoFor(input.outerOrderNo),
        ProductCode: cfg.productCode ?? 'ID_PRO',
        Model: cfg.model ?? 'MULTI_ACTION',
        CertType: 'IDENTITY_CARD',
        CertName: input.name,
        CertNo: input.idNumber,
        ReturnUrl: input.returnUrl,
      };
      if (input.metaInfo) params.MetaInfo = input.metaInfo;
      if (cfg.certifyUrlType) params.CertifyUrlType = cfg.certifyUrlType;
      const startedAt = now().getTime();
      const { body } = await call('InitFaceVerify', params, [input.name, input.idNumber]);
      const ro = (body.ResultObject ?? {}) as Record<string, unknown>;
      const certifyId = str(ro.CertifyId);
      if (!certifyId) {
        throw new LivenessVendorError(VENDOR, 'bad_response', 'no ResultObject.CertifyId', {
          requestId: str(body.RequestId),
        });
      }
      const certifyUrl = str(ro.CertifyUrl);
      return {
        providerSessionId: certifyId,
        certifyToken: certifyId,
        ...(certifyUrl ? { redirectUrl: certifyUrl } : {}),
        expiresAt: startedAt + ttlMs,
      };
    },
    async result(certifyId) {
      const { code, body } = await call(
        'DescribeFaceVerify',
        { SceneId: sceneId, CertifyId: certifyId },
        [],
        PENDING_CODES,
      );
      if (PENDING_CODES.has(code)) return { status: 'pending', vendorCode: code };
      return mapAliyunResult((body.ResultObject ?? {}) as Record<string, unknown>);
    },
  };
}
