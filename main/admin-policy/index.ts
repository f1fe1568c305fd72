export { NO_POLICY, NO_POLICY_STATE, PolicyStore, PolicyImportError, type PolicyPort, type PolicyState } from './policy-store';
export { applyPolicy, type AppliedPolicy } from './apply';
export {
  PolicyLockedError, allocationLocked, allowedKinds, checkAllocation, checkConnect, checkDisconnect, checkResume, checkSetMode, checkSetFilter,
  connectionLocks, mayConnectKind, policyView, type ConnectSettings,
} from './locks';
export { POLICY_FORMAT, POLICY_VERSION, parsePolicyText, parsePolicyValue, policySchema, type Policy } from './policy-document';
export { generateAdminKey, signPolicyText, verifySignedText, SIGNED_POLICY_FORMAT } from './signed-policy';
export { osPolicySource, parseRegQuery, managedPreferencesJson, LINUX_POLICY_FILE, MACOS_MANAGED_PREFERENCES, WINDOWS_POLICY_KEY } from './os-sources';
