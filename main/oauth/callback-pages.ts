/**
 * The pages the user's browser shows after the provider redirects back to Ferry.
 * Self-contained HTML (no scripts, no external assets); every dynamic text is escaped.
 */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, heading: string, body: string, ok: boolean): string {
  const color = ok ? '#1a7f37' : '#b42318';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1f2328}
h1{font-size:1.4rem;color:${color}}p{line-height:1.5}</style></head>
<body><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(body)}</p></body></html>`;
}

export function successPage(providerName: string): string {
  return page(
    `Ferry — connected to ${providerName}`,
    `Ferry is connected to ${providerName}`,
    'You can close this tab and return to Ferry. Your contacts will start syncing from there.',
    true,
  );
}

export function failurePage(providerName: string, reason: string): string {
  return page(
    `Ferry — ${providerName} not connected`,
    `Ferry could not connect to ${providerName}`,
    `${reason} Close this tab, return to Ferry and try connecting again.`,
    false,
  );
}
