import { SyncError } from '../../sync/connector';
import type { ConnectorFactory } from '../registry';
import { createSalesforceConnector } from './index';

/** A Salesforce connection's settings and secrets → its connector. */
export const createConnector: ConnectorFactory = (connection, secrets) => {
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
};
