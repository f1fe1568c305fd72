export { startSalesforceSandbox, MAX_URI_BYTES, type SalesforceSandbox, type SalesforceSandboxOptions } from './server';
export type { SalesforceSandboxAdmin, SandboxRecord, SandboxSnapshot } from './admin';
export type { ConnectedAppSpec } from './auth-state';
export type { ValidationRuleSpec, DuplicateRuleSpec } from './rules';
export { FERRY_ID_FIELD, type ObjectName, type SchemaOptions } from './schema';
export { QUERY_PAGE_SIZE } from './query-routes';
export { MAX_COLLECTION_RECORDS } from './wire';
export { DEFAULT_DAILY_LIMIT } from './limits';
