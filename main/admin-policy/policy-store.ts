import type { PolicySourceKind } from '../../preload/schemas/policy';
import type { Db } from '../store/db';
import { readSettingValue, writeSettingValue } from '../store/settings';
import { osPolicySource, type OsPolicySource } from './os-sources';
import { parsePolicyText, type Policy } from './policy-document';
import { publicKeyFromBase64, signedPolicySchema, verifySignedText } from './signed-policy';

/**
 * The admin policy in force for a data folder. An OS-managed policy (policy
 * file, managed preferences, registry) wins whenever one is there; otherwise a
 * signed policy imported once (signed-policy.ts); otherwise none.
 *
 * Fail closed: a policy that is there but cannot be used (unreadable, not JSON,
 * not a policy, secret-looking, signature wrong) gives `problem`, and then every
 * setting a policy can lock is locked (locks.ts) until it is fixed: a broken
 * policy never unlocks anything by accident.
 */
export interface PolicyState {
  source: PolicySourceKind;
  location: string | null;
  policy: Policy | null;
  /** a sentence saying why the policy cannot be used; everything is locked while it is set */
  problem: string | null;
  /** the imported policy's pinned admin key (base64 SPKI) */
  adminKey: string | null;
}

/** What the services and the CLI need of the policy: PolicyStore, or NO_POLICY where none applies (tests). */
export interface PolicyPort {
  current(): PolicyState;
  importSigned(text: string): { state: PolicyState; firstImport: boolean };
}

export const NO_POLICY_STATE: PolicyState = { source: 'none', location: null, policy: null, problem: null, adminKey: null };

export const NO_POLICY: PolicyPort = {
  current: () => NO_POLICY_STATE,
  importSigned: () => { throw new PolicyImportError('This Ferry takes no admin policy.'); },
};

const KEY_SETTING = 'policy.adminKey';
const IMPORTED_SETTING = 'policy.imported';
/** How long a registry or managed-preferences read is trusted (each read runs a small OS tool). */
const OS_READ_TTL_MS = 30_000;

export class PolicyImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyImportError';
  }
}

function broken(source: PolicySourceKind, location: string, reason: string, adminKey: string | null = null): PolicyState {
  return {
    source, location, policy: null, adminKey,
    problem: `Ferry cannot use your admin's policy (${location}): ${reason}. Settings your admin manages stay locked until it is fixed.`,
  };
}

export class PolicyStore implements PolicyPort {
  private readonly os: OsPolicySource;
  private cached: { stamp: string | null; at: number; state: PolicyState | null } | null = null;

  /** `root`: where the OS locations are read (osPolicySource); `/` except in tests */
  constructor(private readonly db: Db, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, private readonly now: () => number = Date.now, root = '/') {
    this.os = osPolicySource(env, platform, root);
  }

  /** The policy in force now (cheap: the OS source is cached by its file stamp or for a short while). */
  current(): PolicyState {
    return this.fromOs() ?? this.imported();
  }

  /**
   * Imports a signed policy file. The first one pins its key; later ones must be
   * signed by the pinned key. Throws PolicyImportError with a sentence, and then
   * nothing changes.
   */
  importSigned(text: string): { state: PolicyState; firstImport: boolean } {
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw new PolicyImportError('This file is not a signed Ferry policy: it is not valid JSON.');
    }
    const envelope = signedPolicySchema.safeParse(raw);
    if (!envelope.success) throw new PolicyImportError('This file is not a signed Ferry policy (ferry policy sign makes one from a policy and the admin\'s key).');
    const { policy, signature, publicKey } = envelope.data;
    try {
      publicKeyFromBase64(publicKey);
    } catch {
      throw new PolicyImportError('This signed policy does not carry an Ed25519 public key.');
    }
    const pinned = this.pinnedKey();
    if (pinned !== null && pinned !== publicKey) {
      throw new PolicyImportError('This policy is signed by a different key than the one your admin\'s first policy was signed with, so Ferry does not trust it. Ask your admin for a policy signed with the usual key.');
    }
    if (!verifySignedText(policy, signature, publicKey)) throw new PolicyImportError('This policy\'s signature does not match its content: it was changed after it was signed, or signed with another key.');
    const parsed = parsePolicyText(policy);
    if (!parsed.ok) throw new PolicyImportError(`Ferry cannot use this policy: ${parsed.reason}.`);
    this.db.transaction(() => {
      writeSettingValue(this.db, KEY_SETTING, publicKey);
      writeSettingValue(this.db, IMPORTED_SETTING, { policy, signature });
    })();
    return { state: this.current(), firstImport: pinned === null };
  }

  private pinnedKey(): string | null {
    const key = readSettingValue(this.db, KEY_SETTING);
    return typeof key === 'string' ? key : null;
  }

  private fromOs(): PolicyState | null {
    const stamp = this.os.stamp();
    const at = this.now();
    const c = this.cached;
    if (c && (stamp !== null ? c.stamp === stamp : at - c.at < OS_READ_TTL_MS)) return c.state;
    const read = this.os.read();
    let state: PolicyState | null = null;
    if (read.found) {
      if ('problem' in read) state = broken(this.os.kind, this.os.location, read.problem);
      else {
        const parsed = parsePolicyText(read.text);
        state = parsed.ok
          ? { source: this.os.kind, location: this.os.location, policy: parsed.policy, problem: null, adminKey: null }
          : broken(this.os.kind, this.os.location, parsed.reason);
      }
    }
    this.cached = { stamp, at, state };
    return state;
  }

  /** The imported policy, verified again against the pinned key on every read. */
  private imported(): PolicyState {
    const key = this.pinnedKey();
    const stored = readSettingValue(this.db, IMPORTED_SETTING);
    if (key === null && stored === undefined) return NO_POLICY_STATE;
    const location = 'imported signed policy';
    const record = typeof stored === 'object' && stored !== null ? stored as { policy?: unknown; signature?: unknown } : {};
    if (key === null || typeof record.policy !== 'string' || typeof record.signature !== 'string') {
      return broken('imported', location, 'its stored copy is incomplete', key);
    }
    if (!verifySignedText(record.policy, record.signature, key)) return broken('imported', location, 'its stored copy no longer matches its signature', key);
    const parsed = parsePolicyText(record.policy);
    if (!parsed.ok) return broken('imported', location, parsed.reason, key);
    return { source: 'imported', location, policy: parsed.policy, problem: null, adminKey: key };
  }
}
