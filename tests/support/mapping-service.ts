import { NO_POLICY } from '../../main/admin-policy/policy-store';
import { createMappingService, type MappingService } from '../../main/mapping/mapping-service';
import type { Db } from '../../main/store/db';
import type { SyncEngine } from '../../main/sync/engine';

/** The mapping service the Mapping screen and `ferry mapping` use, over a test's engine, with no admin policy. */
export function mappingServiceFor(db: Db, engine: SyncEngine): MappingService {
  return createMappingService({ db, sync: engine, policy: NO_POLICY, now: () => Date.now() });
}
