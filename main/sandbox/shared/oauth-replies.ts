import type { Reply } from './http';

/** The small HTML page an authorize endpoint shows when it has nowhere safe to redirect to. */
export function oauthErrorPage(status: number, title: string, detail: string): Reply {
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return { status, text: `<!doctype html><title>${esc(title)}</title><h1>${esc(title)}</h1><p>${esc(detail)}</p>`, contentType: 'text/html; charset=utf-8' };
}

/** 302 to `to` with `params` added to its query; undefined values are left out. */
export function redirectWith(to: string, params: Record<string, string | undefined>): Reply {
  const url = new URL(to);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString() } };
}
