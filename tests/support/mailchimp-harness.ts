import { afterEach, beforeEach } from 'vitest';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { ConnectorRegistry } from '../../main/crm/registry';
import { openDatabase, type Db } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import type { Connection, SyncMode } from '../../main/store/connections';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { FakeClock } from './fake-clock';
import { tempDir } from './temp-dir';

export const MAILCHIMP_KEY = '0123456789abcdef0123456789abcdef-us21';

export interface MailchimpHarness {
  sandbox: MailchimpSandbox;
  db: Db;
  cardId: number;
  engine: SyncEngine;
  clock: FakeClock;
  connection: Connection;
}

const open: MailchimpHarness[] = [];

/**
 * A real SQLite file, the Mailchimp sandbox on loopback and the engine with an
 * API key in the vault, connected to the sandbox's audience; nothing synced yet.
 * The engine's clock is fake, so retry waits cost no real time.
 */
export async function mailchimpHarness(opts: { mode?: SyncMode; serviceMs?: number } = {}): Promise<MailchimpHarness> {
  const sandbox = await startMailchimpSandbox({ port: 0, apiKey: MAILCHIMP_KEY, ...(opts.serviceMs ? { serviceMs: opts.serviceMs } : {}) });
  const db = openDatabase(tempDir());
  const cardId = createCard(db, 'Test').id;
  const clock = new FakeClock(Date.now());
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), clock, random: () => 0.5, pollMs: 50 });
  const connection = await engine.connect({
    cardId, kind: 'mailchimp', mode: opts.mode ?? 'manual',
    config: { baseUrl: sandbox.apiRoot, auth: 'api-key', audience: SANDBOX_AUDIENCE_ID },
    secrets: { access_token: MAILCHIMP_KEY },
  });
  const h = { sandbox, db, cardId, engine, clock, connection };
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

/** What a Mailchimp pull test starts from, fresh for each test of the file: the sandbox (its clock fixed), a real SQLite file, an engine and a card. */
export interface MailchimpPullFixture {
  sandbox: MailchimpSandbox;
  db: Db;
  engine: SyncEngine;
  cardId: number;
  /** connects the sandbox's audience, sets it to pull and clears the sandbox's request log; the connection's id */
  connectPull(): Promise<number>;
}

export function mailchimpPullFixture(cardName: string): MailchimpPullFixture {
  const f = {} as MailchimpPullFixture;
  beforeEach(async () => {
    f.sandbox = await startMailchimpSandbox({ port: 0, apiKey: MAILCHIMP_KEY, clock: () => Date.parse('2026-11-02T09:00:00.000Z') });
    f.db = openDatabase(tempDir());
    f.engine = createSyncEngine({ db: f.db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
    f.cardId = createCard(f.db, cardName).id;
  });
  afterEach(async () => {
    await f.engine.stop();
    f.db.close();
    await f.sandbox.close();
  });
  f.connectPull = async () => {
    const c = await f.engine.connect({ cardId: f.cardId, kind: 'mailchimp', config: { baseUrl: f.sandbox.apiRoot, auth: 'api-key', audience: SANDBOX_AUDIENCE_ID }, secrets: { access_token: MAILCHIMP_KEY } });
    f.engine.setDirection(c.id, 'pull');
    f.sandbox.admin.clearRequests();
    return c.id;
  };
  return f;
}
