import { checkDeliveryUrl, isLoopbackHost, type UrlCheck } from '../shared/delivery-url';

/**
 * What Ferry accepts as a Zapier Catch Hook URL: https://hooks.zapier.com/hooks/catch/<account>/<hook>/.
 * The sandbox (`ferry sandbox zapier`) serves the same path on loopback, which
 * any connection may use (a local test receiver: the contacts never leave this computer).
 */
export const ZAPIER_HOOK_HOST = 'hooks.zapier.com';
export const ZAPIER_HOOK_PATH_PREFIX = '/hooks/catch/';

const WHAT = 'Zapier Catch Hook URL';
// the optional /silent/ suffix makes Zapier answer with an empty body
const HOOK_PATH = /^\/hooks\/catch\/[^/]+\/[^/]+(\/silent)?\/?$/;

export function validateHookUrl(text: string): UrlCheck {
  const parsed = checkDeliveryUrl(text, WHAT);
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  const loopback = isLoopbackHost(url.hostname);
  if (!loopback && url.hostname.toLowerCase() !== ZAPIER_HOOK_HOST) {
    return { ok: false, reason: `A ${WHAT} is on ${ZAPIER_HOOK_HOST}; this one points to ${url.hostname}. Copy the URL from the "Catch Hook" trigger of your Zap.` };
  }
  if (url.port !== '' && !loopback) return { ok: false, reason: `A ${WHAT} has no port number. Copy the URL from the "Catch Hook" trigger of your Zap.` };
  if (!url.pathname.startsWith(ZAPIER_HOOK_PATH_PREFIX)) {
    return { ok: false, reason: `This is not a Catch Hook URL: its path must start with ${ZAPIER_HOOK_PATH_PREFIX}. In Zapier, use the trigger "Webhooks by Zapier → Catch Hook" and copy its URL.` };
  }
  if (!HOOK_PATH.test(url.pathname)) {
    return { ok: false, reason: `This Catch Hook URL is incomplete: it needs the account and hook parts after ${ZAPIER_HOOK_PATH_PREFIX}. Copy the whole URL from Zapier.` };
  }
  return { ok: true, url };
}
