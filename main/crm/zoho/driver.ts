import { zohoRegion } from '../../../destinations/zoho';
import type { ConnectorFactory } from '../registry';
import { createZohoConnector } from './connector';

/**
 * A Zoho CRM connection's settings and secrets → its connector. The API domain
 * is the connection's address when it has one (the sign-in's api_domain, or a
 * sandbox), else its data centre's (destinations/zoho.ts).
 */
export const createConnector: ConnectorFactory = (connection, secrets) => createZohoConnector({
  // Read before every request: an OAuth token is refreshed before its hour is up,
  // and one Zoho no longer accepts becomes SyncError('auth') → refresh, then needs_reauth.
  accessToken: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('access_token'),
  apiDomain: connection.config.baseUrl ?? zohoRegion(connection.config.region).api,
});
