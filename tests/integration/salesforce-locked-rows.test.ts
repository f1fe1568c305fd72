/**
 * UNABLE_TO_LOCK_ROW: Salesforce refuses one record of a collection because
 * another process holds it. It is not the contact's fault: Ferry tries that
 * record again after a delay instead of setting it aside (docs/vendor-facts.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { createContact, updateContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { listOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { createSyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Dlocked!rows.token.0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('Salesforce records another process holds', () => {
  it('are retried after a delay, not rejected, and go through once the lock is gone', async () => {
    const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    const db = openDatabase(tempDir());
    const clock = new FakeClock();
    const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), clock, random: () => 0.5 });
    cleanups.push(async () => { await engine.stop(); db.close(); await sandbox.close(); });
    const cardId = createCard(db, 'Locks').id;
    const connection = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    const ada = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const alan = createContact(db, cardId, { firstName: 'Alan', lastName: 'Turing', emails: [{ value: 'alan@example.com' }] }, { region: 'US' });
    expect(await engine.syncNow(connection.id)).toMatchObject({ created: 2 });

    updateContact(db, ada.id, { title: 'Countess' }, { region: 'US' });
    updateContact(db, alan.id, { title: 'Codebreaker' }, { region: 'US' });
    sandbox.admin.lockRows(1);
    const run = await engine.syncNow(connection.id, 'automatic');
    expect(run).toMatchObject({ state: 'partial', updated: 1, failed: 1, quarantined: 0 });
    const [waiting] = listOutbox(db, connection.id);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting!.nextAttemptAt).toBeGreaterThan(clock.now());
    const [event] = listEvents(db, { connectionId: connection.id, outcomes: ['failed'], limit: 1, offset: 0 }).items;
    expect(event?.message).toMatch(/^Salesforce was busy with this record \(another process held it\)\. Ferry will send it again in \d+ seconds \(try 1 of 8\)\.$/);
    expect(event?.crmError).toMatch(/UNABLE_TO_LOCK_ROW/);

    clock.advance(waiting!.nextAttemptAt - clock.now());
    expect(await engine.syncNow(connection.id, 'automatic')).toMatchObject({ state: 'succeeded', updated: 1 });
    expect(sandbox.admin.records('Contact').map((r) => r.fields.Title).sort()).toEqual(['Codebreaker', 'Countess']);
  });
});
