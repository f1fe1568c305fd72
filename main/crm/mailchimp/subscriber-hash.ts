import { createHash } from 'node:crypto';

/**
 * A member's id in its audience: the MD5 hash of the lower-cased e-mail address
 * (mailchimp.com/developer/marketing/docs/methods-parameters/#path-parameters,
 * "subscriber_hash"). Upserting at this address is idempotent: the same e-mail
 * always lands on the same member.
 */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}
