/**
 * Ferry's own contact properties: created in one batch call, and a portal that has
 * used up HubSpot's ten unique-value properties gets a sentence, not a refused request.
 */
import { describe, expect, it } from 'vitest';
import { syncError } from '../support/sync-error';
import { connectorFixture, TOKEN } from './hubspot-connector-fixture';

const f = connectorFixture();

async function createUniqueProperty(name: string): Promise<number> {
  const res = await fetch(`${f.sandbox.url}/crm/v3/properties/contacts`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, label: name, type: 'string', fieldType: 'text', groupName: 'contactinformation', hasUniqueValue: true }),
  });
  return res.status;
}

describe('HubSpot properties', () => {
  it('creates every missing Ferry property in one batch call on connect', async () => {
    await f.hs.prepare(f.ctx);
    const creates = f.paths.filter((p) => p.startsWith('POST /crm/v3/properties/contacts'));
    expect(creates).toEqual(['POST /crm/v3/properties/contacts/batch/create']);
    const listed = (await (await fetch(`${f.sandbox.url}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { results: Array<{ name: string; hasUniqueValue: boolean }> };
    expect(listed.results.find((p) => p.name === 'ferry_id')?.hasUniqueValue).toBe(true);
    expect(listed.results.filter((p) => p.name.startsWith('ferry_'))).toHaveLength(9);
  });

  it('says in a sentence that the portal has used its ten unique-value properties', async () => {
    // ten unique-value properties an admin made for other integrations
    for (let i = 0; i < 10; i++) expect(await createUniqueProperty(`crm_key_${i}`)).toBe(201);
    const error = await syncError(f.hs.prepare(f.ctx));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/already has 10 contact properties that require unique values/);
    expect(error.message).toMatch(/Require unique values/);
  });
});
