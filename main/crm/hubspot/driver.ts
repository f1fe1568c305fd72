import type { ConnectorFactory } from '../registry';
import { createHubSpotConnector } from './connector';

/** A HubSpot connection's settings and secrets → its connector. */
export const createConnector: ConnectorFactory = (connection, secrets) => createHubSpotConnector({
  // Read before every request: an OAuth token is refreshed before it expires,
  // and a grant HubSpot no longer accepts becomes SyncError('auth') → needs_reauth.
  accessToken: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('private_app_token'),
  auth: connection.config.auth === 'oauth' ? 'oauth' : 'private-app',
  ...(connection.config.baseUrl ? { basePath: connection.config.baseUrl } : {}),
});
