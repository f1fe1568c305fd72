/**
 * Notes ride in as few calls as possible, and a cleared note leaves the timeline.
 */
import { describe, expect, it } from 'vitest';
import { HUBSPOT_PUSH_SIZE } from '../../main/crm/hubspot/connector';
import { connectorFixture, contact, item, linkOf } from './hubspot-connector-fixture';

const f = connectorFixture({ rateLimit: 1_000 });

describe('HubSpot notes', () => {
  it('pools the notes of 500 contacts (4 in 10 with notes) into two note calls: 7 calls in all', async () => {
    expect(HUBSPOT_PUSH_SIZE).toBeGreaterThanOrEqual(500);
    await f.hs.prepare(f.ctx);
    expect(f.hs.capabilities.batchSize).toBe(HUBSPOT_PUSH_SIZE);
    const people = Array.from({ length: 500 }, (_, i) => contact({ notes: i % 10 < 4 ? `Met at booth ${i}.` : '' }));
    const before = f.paths.length;
    const results = await f.hs.push(people.map((p) => item(f.hs, p)), f.ctx);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(500);
    const calls = f.paths.slice(before);
    expect(calls.filter((p) => p.endsWith('/contacts/batch/upsert'))).toHaveLength(5);
    expect(calls.filter((p) => p.endsWith('/notes/batch/create'))).toHaveLength(2);
    expect(calls).toHaveLength(7);
    expect(f.sandbox.admin.notes()).toHaveLength(200);
  });

  it('archives the HubSpot note when the notes are cleared in Ferry, and creates a new one when written again', async () => {
    const c = contact({ notes: 'Call back in May.' });
    const i1 = item(f.hs, c);
    const [r1] = await f.hs.push([i1], f.ctx);
    const link1 = linkOf(i1, r1);
    const recordId = link1.externalId!;
    expect(f.sandbox.admin.notesForContact(recordId)).toHaveLength(1);

    const i2 = item(f.hs, { ...c, notes: '' }, link1);
    const [r2] = await f.hs.push([i2], f.ctx);
    const link2 = linkOf(i2, r2);
    expect(f.sandbox.admin.notesForContact(recordId)).toEqual([]);
    expect(link2.aux.noteId).toBeUndefined();

    const [r3] = await f.hs.push([item(f.hs, { ...c, notes: 'Signed in June.' }, link2)], f.ctx);
    expect(r3?.outcome).toBe('updated');
    expect(f.sandbox.admin.notesForContact(recordId).map((n) => n.properties.hs_note_body)).toEqual(['Signed in June.']);
  });
});
