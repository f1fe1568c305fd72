import type { ConnectorFactory } from '../registry';
import { createZapierConnector } from './index';

/** The hook URL is a secret (anyone holding it can trigger the Zap): vault or environment only. */
export const createConnector: ConnectorFactory = (_connection, secrets) => createZapierConnector({ hookUrl: () => secrets.require('hook_url') });
