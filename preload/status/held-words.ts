/**
 * The words for a contact Ferry set aside before any call because another Ferry contact has its
 * e-mail in a CRM that matches on it (main/sync/shared-email.ts). The CRM never saw it, so it is
 * never "rejected". Read by the run counts (run-sentences.ts) and the connection's status line
 * and problem (connection-sentences.ts).
 */

/** The word alone (`ferry log`'s outcome column). */
export const HELD_VERB = 'set aside';

/** With its reason: "1 set aside (same e-mail as another contact)". */
export const HELD_WORDS = `${HELD_VERB} (same e-mail as another contact)`;
