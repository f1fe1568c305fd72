import { checkEndpoint, isLoopbackHostname, type EndpointCheck } from '../../policy/endpoint-policy';

/**
 * Checks shared by the URLs delivery-only connectors post to, over the one
 * endpoint policy (main/secrets/endpoint-policy.ts): https anywhere, plain http
 * only to this computer (a local test receiver or Ferry's sandbox). Messages
 * never repeat the URL: a hook URL is its own credential.
 */
export type UrlCheck = EndpointCheck;

export function isLoopbackHost(hostname: string): boolean {
  return isLoopbackHostname(hostname);
}

/** The policy's check for a delivery URL (`what` names it in the sentence). */
export function checkDeliveryUrl(text: string, what: string): UrlCheck {
  return checkEndpoint(text, { what });
}
