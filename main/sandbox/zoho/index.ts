export { startZohoSandbox, type ZohoSandbox, type ZohoSandboxOptions } from './server';
export type { ZohoSandboxAdmin, SandboxRecord, ZohoSnapshot } from './admin';
export type { TokenSpec } from './tokens';
export type { OAuthAppSpec } from './oauth-state';
export type { LimitSettings } from './limits';
export type { ZohoStoreData } from './store';
