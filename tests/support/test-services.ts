import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../main/services/index';
import type { SandboxProvider, SecretPresence } from '../../main/services/ports';
import { openDatabase, type Db } from '../../main/store/db';
import { fakeContactFiles } from './fake-contact-files';
import { FakeSyncService } from './fake-sync-service';
import { PolicyStore, type PolicyPort } from '../../main/admin-policy/index';

export interface TestServices {
  dir: string;
  db: Db;
  sync: FakeSyncService;
  services: Services;
  secrets: Set<number>;
  close(): void;
}

/** Real SQLite in a temp folder, the fake engine, and a vault that only knows which ids have a secret. */
/** The admin policy defaults to a real store whose policy file (in the temp folder) does not exist: no policy, nothing from the machine. */
export function makeTestServices(opts: { now?: () => number; sandboxes?: SandboxProvider; policy?: (db: Db, dir: string) => PolicyPort } = {}): TestServices {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-svc-'));
  const db = openDatabase(dir);
  const now = opts.now ?? (() => Date.now());
  const sync = new FakeSyncService(db, now);
  const secrets = new Set<number>();
  const vault: SecretPresence = { hasSecret: async (id) => secrets.has(id) };
  const services = createServices({
    db, dataDir: dir, sync, vault, files: fakeContactFiles, clock: { now }, version: '0.1.0-test',
    ...(opts.sandboxes ? { sandboxes: opts.sandboxes } : {}),
    policy: opts.policy ? opts.policy(db, dir) : new PolicyStore(db, { FERRY_POLICY_FILE: path.join(dir, 'policy.json') }),
  });
  return {
    dir, db, sync, services, secrets,
    close() {
      services.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
