import type { ChannelInput } from '../../../preload/contract';
import type { ConnectionKind } from '../../../preload/schemas/connection';

/** What the rep types to connect a real CRM. Secrets only ever travel inward (connect/reconnect). */
export interface Credentials {
  token: string;
  instanceUrl: string;
  object: 'Contact' | 'Lead';
  hookUrl: string;
  webhookUrl: string;
  webhookSecret: string;
}

export const EMPTY_CREDENTIALS: Credentials = { token: '', instanceUrl: '', object: 'Contact', hookUrl: '', webhookUrl: '', webhookSecret: '' };

type ConnectPart = Pick<ChannelInput<'connect'>, 'config' | 'secrets'>;
export type CredentialErrors = Partial<Record<keyof Credentials, string>>;

const isUrl = (text: string, protocols: string[]): boolean => {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

/** https, or plain http to this computer (a local test receiver), as main's endpoint policy says. */
const isDeliveryUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
};

/** Checks the fields a kind needs, with the same rules main applies, so the rep sees them before sending. */
export function credentialErrors(kind: ConnectionKind, c: Credentials): CredentialErrors {
  const e: CredentialErrors = {};
  if (kind === 'hubspot' && !c.token.trim()) e.token = 'Paste the service key or private app token.';
  if (kind === 'salesforce') {
    if (!isUrl(c.instanceUrl.trim(), ['https:'])) e.instanceUrl = 'Enter your instance address, e.g. https://yourcompany.my.salesforce.com.';
    if (!c.token.trim()) e.token = 'Paste an access token.';
  }
  if (kind === 'zapier' && !/^https:\/\/hooks\.zapier\.com\//.test(c.hookUrl.trim()) && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/hooks\/catch\//.test(c.hookUrl.trim())) {
    e.hookUrl = 'Paste the catch hook URL from your Zap (https://hooks.zapier.com/…).';
  }
  if (kind === 'webhook') {
    if (!isDeliveryUrl(c.webhookUrl.trim())) e.webhookUrl = 'Enter an https:// address (or http://localhost for a receiver on this computer).';
    if (c.webhookSecret.length < 16) e.webhookSecret = 'Use a secret of at least 16 characters.';
  }
  return e;
}

/** The connect call's config and secrets for a kind (only the fields that kind uses). */
export function toConnectPart(kind: ConnectionKind, c: Credentials): ConnectPart {
  switch (kind) {
    case 'hubspot': return { config: { auth: 'private-app' }, secrets: { token: c.token.trim() } };
    case 'salesforce': return { config: { baseUrl: c.instanceUrl.trim(), object: c.object }, secrets: { token: c.token.trim() } };
    case 'zapier': return { config: { auth: 'hook-url' }, secrets: { hookUrl: c.hookUrl.trim() } };
    case 'webhook': return { config: { auth: 'signed', baseUrl: c.webhookUrl.trim() }, secrets: { webhookSecret: c.webhookSecret } };
  }
}
