/** `ferry duplicates`, `ferry merge` and `ferry forget`: the real executable against the HubSpot sandbox. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-duplicates-cli-0001';

describe('ferry duplicates / merge / forget', () => {
  let sandbox: HubSpotSandbox | undefined;
  afterEach(async () => { await sandbox?.close(); });

  it('lists a duplicate with why, previews and merges it (HubSpot merges its two records), then forgets the survivor everywhere', async () => {
    sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
    const dataDir = path.join(tempDir(), 'data');
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Mine').id;
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } });
    const a = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@engines.example' }], phones: [{ raw: '020 7946 0958' }] }, { region: 'GB' }).id;
    const b = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Chief Engineer', emails: [{ value: 'ada.l@home.example' }], phones: [{ raw: '+44 20 7946 0958' }], tags: ['expo'] }, { region: 'GB' }).id;
    db.close();
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_HUBSPOT_TOKEN: TOKEN });

    const synced = await ferry('sync', '--connection', 'hubspot');
    expect(synced.code, synced.stderr).toBe(0);
    expect(sandbox.admin.contacts()).toHaveLength(2);

    const listed = await ferry('duplicates');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`same phone +442079460958 (#${a} and #${b})`);

    const preview = await ferry('merge', String(a), String(b), '--take', 'title', '--preview');
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/title\s+Chief Engineer/);
    expect(preview.stdout).toMatch(/tags\s+expo/);
    expect(sandbox.admin.contacts()).toHaveLength(2);

    const merged = await ferry('merge', String(a), String(b), '--take', 'title', '--json');
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ keepId: a, otherId: b, crms: [{ crm: 'HubSpot', outcome: 'merged' }] });
    expect(sandbox.admin.contacts()).toHaveLength(1);
    expect((await ferry('duplicates', '--json')).stdout.trim()).toBe('[]');

    await ferry('sync', '--connection', 'hubspot');
    expect(sandbox.admin.contacts().map((c) => c.properties.jobtitle)).toEqual(['Chief Engineer']);

    const off = await ferry('deletes', 'hubspot');
    expect(off.stdout).toContain('HubSpot: Contacts deleted in Ferry are kept in HubSpot.');
    const on = await ferry('deletes', 'hubspot', 'archive');
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toContain('HubSpot: Contacts deleted in Ferry are archived in HubSpot (HubSpot can restore them for 90 days).');
    expect((await ferry('deletes', 'hubspot', 'sometimes')).code).toBe(2);
    const tagged = await ferry('deletes', 'hubspot', '--from-crm', 'tag');
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stdout).toContain('HubSpot: Contacts deleted in HubSpot are kept in Ferry and tagged "Deleted in HubSpot" (when this connection pulls).');
    expect((await ferry('deletes', 'hubspot', '--from-crm', 'maybe')).code).toBe(2);

    const plan = await ferry('forget', String(a), '--preview');
    expect(plan.stdout).toMatch(/HubSpot: deletes record \d+ in HubSpot/);
    const forgotten = await ferry('forget', String(a));
    expect(forgotten.code, forgotten.stderr).toBe(0);
    expect(forgotten.stdout).toContain('HubSpot: Deleted in HubSpot.');
    expect(sandbox.admin.contacts()).toEqual([]);
    const list = await ferry('contacts', 'list', '--json');
    expect(list.stdout).not.toContain('Lovelace');
  });
});
