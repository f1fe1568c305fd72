export {
  createWebhookConnector, webhookCapabilities, WEBHOOK_DEFAULT_BATCH_SIZE, WEBHOOK_MAX_BATCH_SIZE, WEBHOOK_MAX_BODY_BYTES,
  WEBHOOK_RATE_LIMIT, WEBHOOK_TARGET, type WebhookConnectorOptions,
} from './connector';
export {
  computeSignature, DEFAULT_TOLERANCE_SECONDS, EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader, verifyFerrySignature,
  type SignatureCheck, type SignatureFailure, type VerifyOptions,
} from './signature';
export { validateWebhookUrl } from './webhook-url';
export { batchDeliveryId, groupEvents } from './batches';
export { signingKey, standardHeaders, standardSignature, verifyStandardWebhook, STANDARD_ID_HEADER, STANDARD_SIGNATURE_HEADER, STANDARD_TIMESTAMP_HEADER, type StandardCheck } from './standard-signature';
