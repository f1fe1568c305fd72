export { startHubSpotSandbox, type HubSpotSandbox, type HubSpotSandboxOptions } from './server';
export type { HubSpotSandboxAdmin, SandboxContact, SandboxNote, SandboxSnapshot } from './admin';
export type { TokenSpec } from './tokens';
export type { OAuthAppSpec } from './oauth-state';
export type { LimitSettings } from './limits';
export { allScopes, companyScopes, contactScopes, scopes as hubspotScopes } from './context';
export { noteToContactTypeId, contactToNoteTypeId } from './notes-routes';
export { maxBatchInputs } from './wire';
