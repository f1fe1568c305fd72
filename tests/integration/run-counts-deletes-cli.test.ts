/**
 * A run that creates, updates and deletes: `ferry sync` and `ferry log` count and
 * word each apart, a delete in the destination's word (HubSpot archives), never as
 * an update. The real executable against the HubSpot sandbox.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-run-counts-deletes-0001';

describe('run counts with deletes, in the CLI', () => {
  let sandbox: HubSpotSandbox | undefined;
  afterEach(async () => { await sandbox?.close(); });

  it('ferry sync says "1 created, 1 updated, 1 archived" and ferry log says the delete was archived', async () => {
    sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
    const dataDir = path.join(tempDir(), 'data');
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Mine').id;
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } });
    const kept = createContact(db, cardId, { firstName: 'Grace', lastName: 'Hopper', emails: [{ value: 'grace@navy.example' }] }, { region: 'US' }).id;
    const gone = createContact(db, cardId, { firstName: 'Alan', lastName: 'Turing', emails: [{ value: 'alan@bletchley.example' }] }, { region: 'GB' }).id;
    db.close();
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_HUBSPOT_TOKEN: TOKEN });

    const first = await ferry('sync', '--connection', 'hubspot');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('HubSpot: 2 created, 0 updated, 0 unchanged');
    expect((await ferry('deletes', 'hubspot', 'archive')).code).toBe(0);

    expect((await ferry('contacts', 'update', String(kept), '--title', 'Rear Admiral')).code).toBe(0);
    expect((await ferry('contacts', 'delete', String(gone))).code).toBe(0);
    expect((await ferry('contacts', 'add', '--first', 'Katherine', '--last', 'Johnson', '--email', 'katherine@nasa.example')).code).toBe(0);

    const second = await ferry('sync', '--connection', 'hubspot');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('HubSpot: 1 created, 1 updated, 1 archived, 0 unchanged, 0 rejected, 0 not sent');
    expect(sandbox.admin.contacts()).toHaveLength(2);

    const log = await ferry('log', '--connection', 'hubspot');
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).toMatch(/archived\s+Alan Turing — Deleted in Ferry, archived in HubSpot\./);
    expect(log.stdout).not.toMatch(/updated\s+Alan Turing/);
  });
});
