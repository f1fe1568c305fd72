import type { Connection, ConnectionKind } from '../store/connections';
import type { ConnectorFactory } from './registry';
import type { UrlCheck } from './shared/delivery-url';
import { validateHookUrl } from './zapier/hook-url';

/** What every driver module (main/crm/<id>/driver.ts) offers. */
interface DriverModule {
  createConnector: ConnectorFactory;
}

/**
 * One driver per destination (its descriptor is in destinations/, its code in
 * main/crm/<id>/driver.ts). Each is loaded on first use, so a command that never
 * talks to a CRM never loads its SDK (jsforce alone takes longer to load than the
 * rest of the CLI); a long-running host loads its connections' drivers when its
 * scheduler starts instead (preloadDrivers).
 */
const driverModules: Partial<Record<ConnectionKind, () => Promise<DriverModule>>> = {
  hubspot: () => import('./hubspot/driver'),
  salesforce: () => import('./salesforce/driver'),
  pipedrive: () => import('./pipedrive/driver'),
  zapier: () => import('./zapier/driver'),
  webhook: () => import('./webhook/driver'),
  mailchimp: () => import('./mailchimp/driver'),
  zoho: () => import('./zoho/driver'),
  dynamics: () => import('./dynamics/driver'),
};

/** How a connection's settings and secrets become a connector, per destination. */
export const connectorFactories: Partial<Record<ConnectionKind, ConnectorFactory>> = Object.fromEntries(
  Object.entries(driverModules).map(([kind, load]) => [kind, async (connection: Connection, secrets: Parameters<ConnectorFactory>[1]) => (await load()).createConnector(connection, secrets)]),
);

/**
 * Loads these destinations' drivers (and their SDKs) now. Loading one costs a
 * few hundred milliseconds of CPU (compiling the SDK: 0.3 s of HubSpot's first
 * push on this machine), which a first sync would otherwise pay at the moment it
 * starts, in step with every other laptop of a team turning Automatic on.
 */
export async function preloadDrivers(kinds: Iterable<ConnectionKind>): Promise<void> {
  await Promise.all([...new Set(kinds)].map((kind) => driverModules[kind]?.()));
}

/**
 * A destination whose secret is itself an address (its descriptor's `isAddress`
 * field) says here what makes one valid, in the vendor's terms; main's connect
 * runs it before anything is stored.
 */
export const addressChecks: Partial<Record<ConnectionKind, (address: string) => UrlCheck>> = {
  zapier: validateHookUrl,
};
