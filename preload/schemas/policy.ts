import { z } from 'zod';
import type { ConnectionKind } from './connection';

/**
 * An admin's managed configuration, as the screens see it. main/policy reads
 * and verifies it; the screens show a lock and this sentence beside every
 * setting it locks, and the CLI refuses to change those settings with the same
 * sentence (lockedSentence is its one definition).
 */
export const SET_BY_YOUR_ADMIN = 'set by your admin';

/** "The sync mode of HubSpot is set by your admin." */
export function lockedSentence(subject: string): string {
  return `${subject} is ${SET_BY_YOUR_ADMIN}.`;
}

/** The subjects of the sentence, one per lockable setting. */
export const LOCKED_SUBJECTS = {
  destinations: 'Which CRMs Ferry may connect to',
  mode: (crm: string) => `The sync mode of ${crm}`,
  mapping: (crm: string) => `The field mapping of ${crm}`,
  filter: (crm: string) => `What Ferry sends to ${crm}`,
  disconnect: (crm: string) => `Whether ${crm} may be disconnected`,
  allocation: 'How much of the CRM\'s daily API allocation Ferry leaves free',
} as const;

/** What a policy locks on one connection. */
export interface ConnectionLocks {
  mode: boolean;
  mapping: boolean;
  filter: boolean;
  disconnect: boolean;
}

export type PolicySourceKind = 'none' | 'file' | 'managed-preferences' | 'registry' | 'imported';

export interface PolicyView {
  /** where the policy in force comes from */
  source: PolicySourceKind;
  /** the file, registry key or managed-preferences domain; null when none */
  location: string | null;
  /**
   * the policy cannot be used (malformed, secret-looking, bad signature): every
   * setting a policy can lock stays locked until it is fixed, and this says why
   */
  problem: string | null;
  /** CRMs that may be connected; null when the policy does not restrict them */
  allowedKinds: ConnectionKind[] | null;
  /** per CRM, what is locked */
  locks: Record<ConnectionKind, ConnectionLocks>;
  allocationLocked: boolean;
  /** an imported policy's pinned admin key (base64 SPKI), for the admin to compare; null otherwise */
  adminKey: string | null;
}

const MAX_POLICY_CHARS = 256 * 1024;

export const importPolicyInputSchema = z.object({
  /** the signed policy file's text */
  text: z.string().min(2).max(MAX_POLICY_CHARS),
}).strict();
