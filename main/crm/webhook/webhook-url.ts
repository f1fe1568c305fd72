import { checkDeliveryUrl, type UrlCheck } from '../shared/delivery-url';

const WHAT = 'webhook URL';

/**
 * Any https URL; plain http only to this computer (localhost, 127.0.0.1,
 * [::1]: a local test receiver or Ferry's webhook sandbox), because contacts
 * must not travel unencrypted.
 */
export function validateWebhookUrl(text: string): UrlCheck {
  const parsed = checkDeliveryUrl(text, WHAT);
  if (!parsed.ok) return parsed;
  if (parsed.url.hash !== '') return { ok: false, reason: `The ${WHAT} must not contain a #fragment; receivers never see it.` };
  return parsed;
}
