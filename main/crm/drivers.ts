import type { ConnectionKind } from '../store/connections';
import type { ConnectorFactory } from './registry';
import type { UrlCheck } from './shared/delivery-url';
import { validateHookUrl } from './zapier/hook-url';

/**
 * One driver per destination (its descriptor is in destinations/, its code in
 * main/crm/<id>/driver.ts): how a connection's settings and secrets become a
 * connector. Each driver is loaded on first use, so a command that never talks
 * to a CRM never loads its SDK (jsforce alone takes longer to load than the
 * rest of the CLI).
 */
export const connectorFactories: Partial<Record<ConnectionKind, ConnectorFactory>> = {
  hubspot: async (connection, secrets) => (await import('./hubspot/driver')).createConnector(connection, secrets),
  salesforce: async (connection, secrets) => (await import('./salesforce/driver')).createConnector(connection, secrets),
  pipedrive: async (connection, secrets) => (await import('./pipedrive/driver')).createConnector(connection, secrets),
  zapier: async (connection, secrets) => (await import('./zapier/driver')).createConnector(connection, secrets),
  webhook: async (connection, secrets) => (await import('./webhook/driver')).createConnector(connection, secrets),
  mailchimp: async (connection, secrets) => (await import('./mailchimp/driver')).createConnector(connection, secrets),
  zoho: async (connection, secrets) => (await import('./zoho/driver')).createConnector(connection, secrets),
  dynamics: async (connection, secrets) => (await import('./dynamics/driver')).createConnector(connection, secrets),
};

/**
 * A destination whose secret is itself an address (its descriptor's `isAddress`
 * field) says here what makes one valid, in the vendor's terms; main's connect
 * runs it before anything is stored.
 */
export const addressChecks: Partial<Record<ConnectionKind, (address: string) => UrlCheck>> = {
  zapier: validateHookUrl,
};
