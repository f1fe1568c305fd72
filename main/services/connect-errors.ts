import { destination } from '../../destinations/index';
import type { ConnectionKind } from '../store/connections';
import { ServiceError } from './errors';

/** What the destination's descriptor calls the secret a rep pastes ("signing secret", "catch hook url"). */
function secretWord(kind: ConnectionKind): string {
  const field = destination(kind).credentials.find((c) => c.input === 'secret');
  return field ? field.label.toLowerCase() : 'credentials';
}

/** The keychain's failure kinds (main/secrets/vault-error.ts), said for someone in the app. */
const KEYCHAIN: Record<string, string> = {
  unavailable: 'Ferry could not reach your system keychain (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager).',
  'no-provider': 'Ferry found no system keychain on this desktop. Install GNOME Keyring or KWallet, log out and back in.',
  'no-keyring': 'Your system keychain has no default keyring yet. Create one named Login in "Passwords and Keys" and set it as default.',
  locked: 'Your system keychain is locked. Unlock it (log in to the desktop, or open "Passwords and Keys").',
  timeout: 'Your system keychain did not answer in time; it may be waiting for you to unlock it in a window behind Ferry.',
  failed: 'Ferry could not use your system keychain. Check that it is unlocked.',
};

/**
 * A failed Connect or Reconnect in the rep's words. Invariant: nothing was
 * saved (the engine keeps no half-made connection), so the sentence says so
 * and asks for the button again: never "Ferry will try again", never a hint
 * for another CRM's environment variable.
 */
export function connectFailure(error: unknown, kind: ConnectionKind, action: 'connect' | 'reconnect'): unknown {
  if (!(error instanceof Error)) return error;
  const crm = destination(kind).sentenceName ?? destination(kind).name;
  const again = action === 'connect' ? 'press Connect again' : 'press Reconnect again';
  const unchanged = action === 'connect' ? 'Nothing was saved' : 'Nothing was changed';
  if (error.name === 'VaultError') {
    const vaultKind = (error as Error & { kind?: string }).kind ?? 'failed';
    return new ServiceError('unavailable', `${KEYCHAIN[vaultKind] ?? KEYCHAIN.failed} Ferry keeps the ${secretWord(kind)} there, so ${unchanged.toLowerCase()}; then ${again}.`);
  }
  if (error.name === 'SyncError') {
    const syncKind = (error as Error & { kind?: string }).kind;
    if (syncKind === 'network' || syncKind === 'timeout') {
      return new ServiceError('unavailable', `Ferry could not reach ${crm}. ${unchanged}: check the internet connection, then ${again}.`);
    }
    if (syncKind === 'auth') {
      return new ServiceError('failed', `${crm} did not accept this ${secretWord(kind)} (it may have expired or been revoked). ${unchanged}: paste a current one and ${again}.`);
    }
    return new ServiceError('failed', `${error.message.replace(/\s*Ferry will try again\.?$/u, '')} ${unchanged}.`.replace(/\.\s+Nothing/u, '. Nothing'));
  }
  return error;
}
