import { afterEach } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { startPipedriveSandbox, type PipedriveLimitSettings, type PipedriveSandbox, type SandboxPerson } from '../../main/sandbox/pipedrive/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import type { Connection } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from './fake-clock';
import { tempDir } from './temp-dir';

export const PIPEDRIVE_TOKEN = 'pd-test-token-0123456789abcdef';

export interface PipedriveHarness {
  sandbox: PipedriveSandbox;
  db: Db;
  cardId: number;
  engine: SyncEngine;
  clock: FakeClock;
  connection: Connection;
  /** the person's value of Ferry's custom field called `name` */
  field(person: SandboxPerson | undefined, name: 'Ferry ID' | 'Ferry details'): string | null;
}

const open: PipedriveHarness[] = [];

/**
 * A real SQLite file, the Pipedrive sandbox on loopback and the engine with an
 * API token in the vault, connected. The engine's clock is fake, so retries and
 * waits cost no real time; the sandbox's limits are its own (real time).
 */
export const GENEROUS_LIMITS: Partial<PipedriveLimitSettings> = { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 };

/**
 * `seed` writes contacts before connecting: seeding thousands takes seconds, and
 * an idle keep-alive socket closed by the server in that gap would make the
 * first push's request race the close (a reset a real network shows too, which
 * the engine retries; these tests are about other things).
 */
export async function pipedriveHarness(o: { limits?: Partial<PipedriveLimitSettings>; seed?: (db: Db, cardId: number) => void } = {}): Promise<PipedriveHarness> {
  const limits = o.limits ?? GENEROUS_LIMITS;
  const sandbox = await startPipedriveSandbox({ port: 0, token: PIPEDRIVE_TOKEN, limits });
  const db = openDatabase(tempDir());
  const cardId = createCard(db, 'Test').id;
  o.seed?.(db, cardId);
  const clock = new FakeClock(Date.now());
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), clock, random: () => 0.5, pollMs: 50 });
  const connection = await engine.connect({
    cardId, kind: 'pipedrive', mode: 'manual',
    config: { baseUrl: sandbox.url, auth: 'private-app' },
    secrets: { private_app_token: PIPEDRIVE_TOKEN },
  });
  const field = (person: SandboxPerson | undefined, name: 'Ferry ID' | 'Ferry details'): string | null => {
    const key = sandbox.admin.fieldKey(name);
    return person && key ? (person.custom_fields[key] ?? null) : null;
  };
  const h = { sandbox, db, cardId, engine, clock, connection, field };
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    await h.sandbox.close();
    h.db.close();
  }
});
