/**
 * The one place the app talks to the server. Every call sends Accept-Language (so problem titles come
 * back in the chosen language) and the session cookie (credentials: same-origin). Errors become
 * ApiError carrying the RFC 9457 problem with its stable `code`.
 */

export type FieldError = { path: string; message: string };

export type Problem = {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
  remainingAttempts?: number;
  unlockAt?: string;
  unlockTime?: string;
  [extra: string]: unknown;
};

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
}

let language = 'zh-CN';
export function setApiLanguage(lang: string): void {
  language = lang;
}
export function apiLanguage(): string {
  return language;
}

type Options = {
  method?: string;
  /** A JSON body. */
  body?: unknown;
  /** A multipart body instead (the browser sets the boundary). */
  form?: FormData;
  /** Extra headers, e.g. `Idempotency-Key` on money calls. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = {
    'Accept-Language': language,
    Accept: 'application/json',
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const hasBody = options.body !== undefined || options.form !== undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? (hasBody ? 'POST' : 'GET'),
      headers,
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({
      title: language === 'en' ? 'Network problem; check your connection' : '网络异常，请检查网络后重试',
      status: 0,
      code: 'network_error',
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const p = (data ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...p,
      title: p.title ?? `HTTP ${res.status}`,
      status: p.status ?? res.status,
      code: p.code ?? (res.status === 404 ? 'not_found' : 'http_error'),
    });
  }
  return data as T;
}

export const isApiError = (e: unknown, code?: string): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);
