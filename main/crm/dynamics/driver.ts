import { SyncError } from '../../sync/connector';
import type { ConnectorFactory } from '../registry';
import { createDynamicsConnector } from './connector';

/** A Dynamics 365 connection's settings and secrets → its connector. */
export const createConnector: ConnectorFactory = (connection, secrets) => {
  // the organisation URL is where the Web API lives; it is not a secret
  const orgUrl = connection.config.baseUrl;
  if (!orgUrl) throw new SyncError('config', 'This Dynamics 365 connection has no organisation address. Connect Dynamics 365 again.');
  return createDynamicsConnector({
    orgUrl,
    // an OAuth token is refreshed before it expires; a typed one is read as it is
    accessToken: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('access_token'),
  });
};
