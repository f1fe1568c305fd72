import type { ParsedInput } from '../../preload/contract';
import type { PolicyView } from '../../preload/schemas/policy';
import { destination } from '../../destinations/index';
import type { ConnectionKind, SyncMode } from '../../preload/schemas/connection';
import { applyPolicy, checkConnect, policyView, type AppliedPolicy, type ConnectSettings, type PolicyPort } from '../admin-policy/index';
import type { Db } from '../store/db';
import type { SyncService } from '../sync/service-api';
import type { Clock } from './ports';

interface PolicyServiceDeps {
  db: Db;
  clock: Clock;
  sync: Pick<SyncService, 'setMode' | 'pause'>;
  policy: PolicyPort;
}

/**
 * The admin's policy for the screens and the CLI: what is locked and why, the
 * signed import, and applying the policy's values to this data folder.
 */
export function createPolicyService(deps: PolicyServiceDeps) {
  const { db, clock, sync, policy } = deps;
  const apply = (): AppliedPolicy => applyPolicy(db, sync, policy.current(), (c) => destination(c.kind).name, clock.now());
  return {
    view(): PolicyView {
      return policyView(policy.current());
    },
    /** The first signed policy pins its admin's key; later ones must be signed by it. Applied at once. */
    importSigned(input: ParsedInput<'importPolicy'>): PolicyView {
      policy.importSigned(input.text);
      apply();
      return policyView(policy.current());
    },
    apply,
    /** Before a connection is made another way than connect (the CLI's browser sign-in): the CRM must be allowed; the mode to use. */
    checkConnect(kind: ConnectionKind, asked: { mode?: SyncMode | undefined; intervalMinutes?: number | undefined }): ConnectSettings {
      return checkConnect(policy.current(), kind, destination(kind).name, asked);
    },
  };
}

