import type { Migration } from './types';

/**
 * Potential duplicates a rep can act on:
 * - `crm_company`: the CRM record's company as pulled, shown beside its name and e-mail.
 * - `dismissed_at`: the rep said "not the same person". The row is kept (not deleted)
 *   so a later pull that reads the record again neither lists nor counts it anew.
 */
export const potentialDuplicateDismissals: Migration = {
  version: 6,
  name: 'potential duplicates: the CRM company, and dismissed ones kept as dismissed',
  up: `
ALTER TABLE potential_duplicates ADD COLUMN crm_company TEXT NOT NULL DEFAULT '';
ALTER TABLE potential_duplicates ADD COLUMN dismissed_at INTEGER;
`,
};
