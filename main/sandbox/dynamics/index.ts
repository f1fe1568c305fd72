export { startDynamicsSandbox, type DynamicsSandbox, type DynamicsSandboxOptions } from './server';
export type { DynamicsSandboxAdmin } from './admin';
export type { DynamicsOrgData, ContactRow } from './org';
export { MAX_BATCH_REQUESTS } from './batch-route';
