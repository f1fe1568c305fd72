import { ZodError } from 'zod';
import type { CallError } from '../../preload/contract';
import { ServiceError } from '../services/errors';
import { scrubSecrets } from './scrub';

/** Issues as the renderer shows them: a dotted path and zod's sentence. */
export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function describeIssues(issues: { path: string; message: string }[]): string {
  return issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

/** Errors whose message is already a sentence for the user, by name (so the router need not import every module). */
const NAMED: Record<string, CallError['code']> = {
  ContactNotFoundError: 'not_found',
  ConnectionNotFoundError: 'not_found',
  ConnectionExistsError: 'conflict',
  SyncError: 'failed',
  NewerDatabaseError: 'failed',
  ImportFileError: 'failed',
  UnrecognisedHeaderError: 'invalid_input',
  VaultError: 'unavailable',
  OAuthError: 'failed',
  ReauthorizationRequiredError: 'failed',
  PolicyLockedError: 'forbidden',
  PolicyImportError: 'invalid_input',
};

/**
 * Turns whatever a service threw into the contract's error. Errors we know
 * carry a sentence for the user; anything else is a bug, reported through
 * `report` with its stack and shown as one scrubbed sentence.
 */
export function toCallError(error: unknown, report: (error: unknown) => void): CallError {
  if (error instanceof ServiceError) return { code: error.code, message: scrubSecrets(error.message) };
  if (error instanceof ZodError) {
    const issues = zodIssues(error);
    return { code: 'invalid_input', message: scrubSecrets(`Ferry could not accept this: ${describeIssues(issues)}.`), issues };
  }
  if (error instanceof Error) {
    const code = NAMED[error.name];
    if (code) return { code, message: scrubSecrets(error.message) };
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      return { code: 'unavailable', message: 'Ferry\'s data folder is busy with another Ferry process; try again in a moment.' };
    }
    report(error);
    return { code: 'internal', message: scrubSecrets(`Something went wrong inside Ferry: ${error.message}`) };
  }
  report(error);
  return { code: 'internal', message: 'Something went wrong inside Ferry.' };
}
