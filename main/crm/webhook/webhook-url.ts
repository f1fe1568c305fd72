import { checkScheme, parseDeliveryUrl, type UrlCheck } from '../shared/delivery-url';

const WHAT = 'webhook URL';

/**
 * Any https URL. Plain http only to loopback and only when `allowLoopback`
 * (Ferry's webhook sandbox): contacts must not travel unencrypted.
 */
export function validateWebhookUrl(text: string, options: { allowLoopback: boolean }): UrlCheck {
  const parsed = parseDeliveryUrl(text, WHAT);
  if (!parsed.ok) return parsed;
  const problem = checkScheme(parsed.url, WHAT, options.allowLoopback);
  if (problem) return { ok: false, reason: problem };
  if (parsed.url.hash !== '') return { ok: false, reason: `The ${WHAT} must not contain a #fragment; receivers never see it.` };
  return parsed;
}
