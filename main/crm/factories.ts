import type { ConnectionKind } from '../store/connections';
import type { ConnectorFactory } from './registry';
import { createHubSpotConnector } from './hubspot/connector';

/** One factory per CRM kind: how a connection's settings and secrets become a connector. */
export const connectorFactories: Partial<Record<ConnectionKind, ConnectorFactory>> = {
  hubspot: (connection, secrets) =>
    createHubSpotConnector({
      accessToken: () => secrets.require(connection.config.auth === 'oauth' ? 'access_token' : 'private_app_token'),
      auth: connection.config.auth === 'oauth' ? 'oauth' : 'private-app',
      ...(connection.config.baseUrl ? { basePath: connection.config.baseUrl } : {}),
    }),
};
