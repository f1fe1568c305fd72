import { SyncError } from '../../sync/connector';
import type { ConnectorFactory } from '../registry';
import { createWebhookConnector } from './index';

/** A webhook connection's address (config) and signing secret (vault or environment) → its connector. */
export const createConnector: ConnectorFactory = (connection, secrets) => {
  const url = connection.config.baseUrl;
  if (!url) throw new SyncError('config', 'This webhook connection has no URL. Connect the webhook again.');
  return createWebhookConnector({ url: () => url, secret: () => secrets.require('webhook_secret'), batchSize: connection.config.batchSize ?? 1 });
};
