import type { ConnectorFactory } from '../registry';
import { createPipedriveConnector } from './connector';

/** A Pipedrive connection's settings and secrets → its connector. */
export const createConnector: ConnectorFactory = (connection, secrets) => createPipedriveConnector({
  // read before every request: an OAuth token is refreshed before it expires
  credential: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('private_app_token'),
  auth: connection.config.auth === 'oauth' ? 'oauth' : 'api-token',
  ...(connection.config.baseUrl ? { baseUrl: connection.config.baseUrl } : {}),
});
