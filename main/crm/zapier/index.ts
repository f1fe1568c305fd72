export { createZapierConnector, ZAPIER_CAPABILITIES, ZAPIER_DELIVERED, ZAPIER_MAX_PAYLOAD_BYTES, ZAPIER_TARGET, type ZapierConnectorOptions } from './connector';
export { validateHookUrl, ZAPIER_HOOK_HOST, ZAPIER_HOOK_PATH_PREFIX } from './hook-url';
export { parseZapierAnswer, type ZapierAnswer } from './response';
