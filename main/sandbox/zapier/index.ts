export { startZapierSandbox, SANDBOX_ZAPIER_ACCOUNT, SANDBOX_ZAPIER_HOOK, type ZapierSandbox, type ZapierSandboxOptions } from './server';
export type { ZapierSandboxAdmin, ZapierSandboxSnapshot } from './admin';
export { defaultZapierLimits, type ZapierLimitSettings } from './limits';
export type { DeliveryRecord, DeliveryStats } from '../shared/delivery-log';
