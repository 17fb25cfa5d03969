/** Languages every merchant-facing text exists in (SEC-4). zh-CN is the default. */
export type Lang = 'zh-CN' | 'en';

export type Text = { zh: string; en: string };

/**
 * Picks the language from an Accept-Language header, honouring q-values.
 * Any English tag (en, en-US…) preferred over any Chinese one gives English; otherwise zh-CN.
 */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tagRaw, ...params] = part.trim().split(';');
    const tag = (tagRaw ?? '').trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | undefined = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh-CN' : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh-CN';
}

/** Replaces `{name}` placeholders with values from params; unknown placeholders stay visible. */
export function interpolate(template: string, params: Record<string, unknown> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

export function localize(text: Text, lang: Lang, params?: Record<string, unknown>): string {
  return interpolate(lang === 'en' ? text.en : text.zh, params);
}
