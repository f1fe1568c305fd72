import { z } from 'zod';

/**
 * Token endpoint responses (RFC 6749 §5), parsed with every field optional except
 * the access token. HubSpot sends `expires_in`; Zoho `expires_in` and `api_domain`
 * (the account's API base, kept as instanceUrl); Salesforce sends `instance_url`,
 * `id` and `issued_at` but no lifetime (the org's session timeout decides, so an
 * unknown expiry is normal and a 401 triggers the refresh instead).
 */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  // Mailchimp answers `expires_in: 0` for a token that never expires (its OAuth guide: "we don't
  // expire tokens"), so 0 means no stated expiry, never "already expired"
  expires_in: z.coerce.number().nonnegative().optional(),
  token_type: z.string().optional(),
  // Mailchimp sends `scope: null`
  scope: z.string().nullable().optional(),
  instance_url: z.string().url().optional(),
  /** Zoho's name for the same thing: the data centre's API domain of the account that signed in */
  api_domain: z.string().url().optional(),
  id: z.string().url().optional(),
  issued_at: z.string().optional(),
});

export const tokenErrorSchema = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
  // HubSpot's own error shape
  status: z.string().optional(),
  message: z.string().optional(),
});

export interface TokenSet {
  accessToken: string;
  /** Absent when the provider kept the previous one (no rotation). */
  refreshToken: string | undefined;
  /** Epoch milliseconds; null when the provider does not say. */
  expiresAt: number | null;
  instanceUrl?: string;
  idUrl?: string;
  scope?: string;
  /** where the code was redeemed when the callback named the server (Zoho's accounts-server): later refreshes go there too */
  tokenServer?: string;
}

export function toTokenSet(body: unknown, nowMs: number): TokenSet {
  const parsed = tokenResponseSchema.parse(body);
  return {
    accessToken: parsed.access_token,
    refreshToken: parsed.refresh_token,
    expiresAt: parsed.expires_in === undefined || parsed.expires_in === 0 ? null : nowMs + parsed.expires_in * 1000,
    ...(parsed.instance_url ?? parsed.api_domain ? { instanceUrl: parsed.instance_url ?? parsed.api_domain } : {}),
    ...(parsed.id ? { idUrl: parsed.id } : {}),
    ...(parsed.scope ? { scope: parsed.scope } : {}),
  };
}
