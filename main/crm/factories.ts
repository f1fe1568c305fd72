import type { ConnectionKind } from '../store/connections';
import type { ConnectorFactory } from './registry';
import { createHubSpotConnector } from './hubspot/connector';

/** One factory per CRM kind: how a connection's settings and secrets become a connector. */
export const connectorFactories: Partial<Record<ConnectionKind, ConnectorFactory>> = {
  hubspot: (connection, secrets) =>
    createHubSpotConnector({
      // Read before every request: an OAuth token is refreshed before it expires,
      // and a grant HubSpot no longer accepts becomes SyncError('auth') → needs_reauth.
      accessToken: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('private_app_token'),
      auth: connection.config.auth === 'oauth' ? 'oauth' : 'private-app',
      ...(connection.config.baseUrl ? { basePath: connection.config.baseUrl } : {}),
    }),
};
