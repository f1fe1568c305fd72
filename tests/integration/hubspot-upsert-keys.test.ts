/**
 * How HubSpot matches and refuses upserts, and what Ferry makes of it:
 * - e-mails are stored lower-cased and the upsert's natural key matches exactly
 *   (docs/vendor-facts.md, "E-mail upsert keys"): Ferry sends the key lower-cased;
 * - a 409 is read from its status, category, `error` and `errors[].in`, never
 *   from sentences (the sandbox words unique-value conflicts its own way on purpose);
 * - 207 multi-status errors name their input by objectWriteTraceId.
 */
import { describe, expect, it } from 'vitest';
import { connectorFixture, contact, item, linkOf, seedHubSpotContact } from './hubspot-connector-fixture';

const f = connectorFixture();

describe('HubSpot e-mail upsert keys', () => {
  it('a contact typed as Bob@Acme.com updates the existing bob@acme.com instead of conflicting', async () => {
    await f.hs.prepare(f.ctx);
    const existing = await seedHubSpotContact(f.sandbox, { email: 'bob@acme.com', firstname: 'Bob' });
    const bob = contact({ firstName: 'Robert', emails: [{ value: 'Bob@Acme.com' }] });
    const [result] = await f.hs.push([item(f.hs, bob)], f.ctx);
    expect(result).toMatchObject({ outcome: 'updated', externalId: existing });
    expect(f.sandbox.admin.contacts()).toHaveLength(1);
    expect(f.sandbox.admin.contact(existing)?.properties).toMatchObject({ email: 'bob@acme.com', firstname: 'Robert' });
  });

  it('a resend after a lost answer finds the record Ferry created from a mixed-case address', async () => {
    await f.hs.prepare(f.ctx);
    const ann = contact({ emails: [{ value: 'Ann.Lee@Example.COM' }] });
    const [first] = await f.hs.push([item(f.hs, ann)], f.ctx);
    expect(first?.outcome).toBe('created');
    // the answer was lost: the engine sends the same contact again, still unlinked
    const [again] = await f.hs.push([item(f.hs, ann)], f.ctx);
    expect(again).toMatchObject({ outcome: 'updated', externalId: first?.outcome === 'created' ? first.externalId : '' });
    expect(f.sandbox.admin.contacts()).toHaveLength(1);
  });
});

describe('HubSpot 409 conflicts, read from structure', () => {
  it('an e-mail-keyed contact whose ferry_id HubSpot already holds updates that record', async () => {
    await f.hs.prepare(f.ctx);
    // Ferry created this record earlier (no e-mail then), and the link was lost
    const c = contact({ emails: [] });
    const [created] = await f.hs.push([item(f.hs, c)], f.ctx);
    const recordId = created?.outcome === 'created' ? created.externalId : '';
    // now the contact has an e-mail and is sent unlinked: keyed on e-mail, the create collides on ferry_id
    const withEmail = { ...c, emails: [{ value: 'later@example.com' }] };
    const [result] = await f.hs.push([item(f.hs, withEmail)], f.ctx);
    expect(result).toMatchObject({ outcome: 'updated', externalId: recordId });
    expect(f.sandbox.admin.contacts()).toHaveLength(1);
    expect(f.sandbox.admin.contact(recordId)?.properties.email).toBe('later@example.com');
  });

  it('a linked contact changed to an address another HubSpot contact has is a conflict naming that contact', async () => {
    await f.hs.prepare(f.ctx);
    const other = await seedHubSpotContact(f.sandbox, { email: 'taken@example.com' });
    const c = contact();
    const i1 = item(f.hs, c);
    const [r1] = await f.hs.push([i1], f.ctx);
    const moved = { ...c, emails: [{ value: 'Taken@Example.com' }] };
    const [r2] = await f.hs.push([item(f.hs, moved, linkOf(i1, r1))], f.ctx);
    expect(r2).toMatchObject({ outcome: 'conflict', candidates: [other] });
    expect(r2?.outcome === 'conflict' ? r2.message : '').toContain("'taken@example.com'");
  });
});

describe('HubSpot multi-status (207) answers', () => {
  it('rejects the one contact HubSpot named by its objectWriteTraceId, and writes the rest in the same call', async () => {
    await f.hs.prepare(f.ctx);
    f.sandbox.admin.rejectEmails('^reject-me@');
    const people = [contact(), contact({ emails: [{ value: 'reject-me@example.com' }] }), contact()];
    const before = f.paths.length;
    const results = await f.hs.push(people.map((p) => item(f.hs, p)), f.ctx);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'rejected', 'created']);
    expect(results[1]?.outcome === 'rejected' ? results[1].message : '').toMatch(/e-mail address 'reject-me@example.com' is not valid/);
    expect(f.paths.slice(before).filter((p) => p.endsWith('/batch/upsert'))).toHaveLength(1);
    expect(f.sandbox.admin.contacts()).toHaveLength(2);
  });
});
