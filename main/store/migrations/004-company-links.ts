import type { Migration } from './types';

/**
 * Which CRM company (HubSpot company, Salesforce Account) a connection found or
 * created for a company key (a domain; a name and website). It is what lets a
 * re-sync link contacts to their company without asking the CRM again, and it
 * is written as soon as the CRM confirmed the company, independently of the
 * contacts' outcome: the company exists in the CRM whatever happens next.
 */
export const companyLinks: Migration = {
  version: 4,
  name: 'company links: the CRM company found or created per company key',
  up: `
CREATE TABLE company_links (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  company_key   TEXT NOT NULL,
  external_id   TEXT NOT NULL,
  linked_at     INTEGER NOT NULL,
  PRIMARY KEY (connection_id, company_key)
) STRICT;
`,
};
