export { startWebhookSandbox, type WebhookSandbox, type WebhookSandboxOptions } from './server';
export type { WebhookSandboxAdmin, WebhookSandboxSnapshot, WebhookVerification } from './admin';
export type { DeliveryRecord, DeliveryStats } from '../shared/delivery-log';
