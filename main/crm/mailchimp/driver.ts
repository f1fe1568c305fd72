import type { ConnectorFactory } from '../registry';
import { createMailchimpConnector } from './connector';

/** A Mailchimp connection's settings and secrets → its connector. */
export const createConnector: ConnectorFactory = (connection, secrets) => createMailchimpConnector({
  // read before every request; an API key Mailchimp no longer accepts becomes SyncError('auth') → needs_reauth
  credential: connection.config.auth === 'oauth'
    ? { style: 'oauth', secret: () => secrets.oauthAccessToken() }
    : { style: 'api-key', secret: () => secrets.require('access_token') },
  ...(connection.config.baseUrl ? { baseUrl: connection.config.baseUrl } : {}),
  ...(connection.config.audience ? { audience: connection.config.audience } : {}),
});
