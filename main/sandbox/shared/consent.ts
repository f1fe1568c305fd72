import { z } from 'zod';

/**
 * What the user decides on a sandbox's consent page. A sandbox has nobody to ask,
 * so its admin sets the answer: 'approve' (the default) lets the authorize
 * endpoint issue a code; 'deny' plays a user who clicks Deny, and the browser goes
 * back to the redirect URI with `error=access_denied` and the request's `state`
 * (RFC 6749 §4.1.2.1: "The resource owner or authorization server denied the
 * request"). The decision is asked only of a request that passed every other
 * check, as a real consent page is only shown then.
 */
export type ConsentDecision = 'approve' | 'deny';

export const consentSchema = z.object({ decision: z.enum(['approve', 'deny']) }).strict();
