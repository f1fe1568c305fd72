import type { ConnectionKind } from '../store/connections';
import type { ConnectorFactory } from './registry';
import { SyncError } from '../sync/connector';

/**
 * One driver per destination (its descriptor is in destinations/): how a
 * connection's settings and secrets become a connector. Each driver is loaded
 * on first use, so a command that never talks to a CRM never loads its SDK
 * (jsforce alone takes longer to load than the rest of the CLI).
 */
export const connectorFactories: Partial<Record<ConnectionKind, ConnectorFactory>> = {
  hubspot: async (connection, secrets) => {
    const { createHubSpotConnector } = await import('./hubspot/connector');
    return createHubSpotConnector({
      // Read before every request: an OAuth token is refreshed before it expires,
      // and a grant HubSpot no longer accepts becomes SyncError('auth') → needs_reauth.
      accessToken: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('private_app_token'),
      auth: connection.config.auth === 'oauth' ? 'oauth' : 'private-app',
      ...(connection.config.baseUrl ? { basePath: connection.config.baseUrl } : {}),
    });
  },
  salesforce: async (connection, secrets) => {
    const { createSalesforceConnector } = await import('./salesforce/index');
    // The instance URL comes from the sign-in's token response (or --instance-url); it is not a secret.
    const instanceUrl = connection.config.baseUrl;
    if (!instanceUrl) throw new SyncError('config', 'This Salesforce connection has no instance URL. Connect Salesforce again.');
    const oauth = connection.config.auth === 'oauth';
    return createSalesforceConnector({
      instanceUrl,
      object: connection.config.object ?? 'Contact',
      accessToken: oauth ? () => secrets.oauthAccessToken() : () => secrets.require('access_token'),
      // jsforce asks on a 401; the refresher stores a rotated refresh token before handing out the new access token.
      ...(oauth ? { refresh: async () => ((await secrets.oauthRefresh()) ? secrets.oauthAccessToken() : null) } : {}),
    });
  },
  // The hook URL is a secret (anyone holding it can trigger the Zap): vault or environment only.
  zapier: async (_connection, secrets) => {
    const { createZapierConnector } = await import('./zapier/index');
    return createZapierConnector({ hookUrl: () => secrets.require('hook_url') });
  },
  webhook: async (connection, secrets) => {
    const { createWebhookConnector } = await import('./webhook/index');
    const url = connection.config.baseUrl;
    if (!url) throw new SyncError('config', 'This webhook connection has no URL. Connect the webhook again.');
    return createWebhookConnector({ url: () => url, secret: () => secrets.require('webhook_secret'), batchSize: connection.config.batchSize ?? 1 });
  },
};
