/**
 * OAuth end to end through the app's own wiring (connect flow → vault →
 * registry → TokenManager → HubSpot connector → engine) against the HubSpot
 * sandbox: the access token expires in the middle of a sync and is renewed
 * without a single failed record; a revoked grant pauses the connection as
 * needing reauthorization with the outbox kept; a new sign-in drains it.
 */
import { HUBSPOT_PUSH_SIZE } from '../../main/crm/hubspot/connector';
import { describe, expect, it } from 'vitest';
import { secretKey } from '../../main/secrets/vault';
import { createContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { seedSampleContacts } from '../support/sample-contacts';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { eventually } from '../support/hubspot-harness';
import { oauthHarness, type OAuthHarness } from '../support/oauth-harness';

const TTL_MS = 10 * 60_000;
const ctx = { region: 'US' };

function tokenCalls(h: OAuthHarness): number {
  return h.sandbox.admin.requests().byRoute['POST /oauth/v1/token'] ?? 0;
}

async function stored(h: OAuthHarness, connectionId: number, name: 'access_token' | 'refresh_token'): Promise<string> {
  const value = await h.vault.get(secretKey(String(connectionId), name));
  if (!value) throw new Error(`no ${name} stored`);
  return value;
}

describe('OAuth connection syncing with HubSpot (sandbox)', () => {
  it('signs in, syncs, and survives the access token expiring mid-sync with no failed record', async () => {
    const h = await oauthHarness({ accessTokenTtlMs: TTL_MS, clientSecret: 'e2e-client-secret-0001' });
    const connection = await h.connect();
    expect(connection).toMatchObject({ kind: 'hubspot', status: 'connected', config: { auth: 'oauth', oauthClient: { clientId: 'ferry-e2e-app' } } });
    const firstAccess = await stored(h, connection.id, 'access_token');
    const refreshToken = await stored(h, connection.id, 'refresh_token');
    expect(tokenCalls(h)).toBe(1); // the code exchange

    const total = 2 * HUBSPOT_PUSH_SIZE + 250; // three pushes
    seedSampleContacts(h.db, h.cardId, total);
    let batches = 0;
    h.engine.on('progress', (p) => {
      if (p.connectionId !== connection.id) return;
      batches++;
      // after batch 1: time passes the stored expiry → refreshed before the next call
      if (batches === 1) h.clock.advance(TTL_MS + 1);
      // after batch 2: HubSpot drops the token early → 401 → one refresh, same batch again
      if (batches === 2) void h.vault.get(secretKey(String(connection.id), 'access_token')).then((t) => t && h.sandbox.admin.expireToken(t));
    });
    const run = await h.engine.syncNow(connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: total, failed: 0, quarantined: 0 });
    expect(h.sandbox.admin.contacts()).toHaveLength(total);
    expect(listEvents(h.db, { connectionId: connection.id, outcomes: ['failed', 'quarantined'], limit: 10, offset: 0 }).total).toBe(0);
    expect(tokenCalls(h)).toBe(3); // one refresh before expiry, one after the 401
    expect(await stored(h, connection.id, 'access_token')).not.toBe(firstAccess);
    expect(await stored(h, connection.id, 'refresh_token')).toBe(refreshToken); // HubSpot does not rotate
    expect(requireConnection(h.db, connection.id)).toMatchObject({ status: 'connected', lastError: null });
    expect(await h.manager.tokenStatus(String(connection.id))).toMatchObject({ needsReauth: false, connected: true });
  });

  it('a revoked grant pauses the connection as needing reauthorization; a new sign-in drains the outbox', async () => {
    const h = await oauthHarness({ accessTokenTtlMs: TTL_MS, clientSecret: 'e2e-client-secret-0002' });
    // Automatic mode keeps an outbox row per change (the scheduler is not started: runs happen when the test says).
    const connection = await h.connect('automatic');
    createContact(h.db, h.cardId, { firstName: 'Before', emails: [{ value: 'before@example.com' }] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });

    // An admin removes Ferry's access in HubSpot: the refresh token and its access tokens die.
    const refreshToken = await stored(h, connection.id, 'refresh_token');
    const revoked = await fetch(`${h.sandbox.url}/oauth/v1/refresh-tokens/${refreshToken}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);

    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    const failed = await h.engine.syncNow(connection.id);
    expect(failed.state).toBe('failed');
    const paused = requireConnection(h.db, connection.id);
    expect(paused.status).toBe('needs_reauth');
    expect(paused.lastError).toMatch(/no longer accepts Ferry's sign-in.*Reconnect HubSpot/);
    expect(paused.lastErrorDetail).toMatch(/401/); // HubSpot's own words, kept for the log
    expect(countOutbox(h.db, connection.id).pending).toBe(1);
    expect(await h.manager.tokenStatus(String(connection.id))).toMatchObject({ needsReauth: true });
    await expect(h.engine.syncNow(connection.id)).rejects.toThrow(/reconnected/);

    const reconnected = await h.reconnect(paused);
    expect(reconnected).toMatchObject({ id: connection.id, status: 'connected', lastError: null });
    expect(await h.manager.tokenStatus(String(connection.id))).toMatchObject({ needsReauth: false, connected: true });
    expect(await stored(h, connection.id, 'refresh_token')).not.toBe(refreshToken);
    // reconnecting an automatic connection resumes its outbox at once
    await eventually(() => countOutbox(h.db, connection.id).pending === 0);
    expect(h.sandbox.admin.contactByEmail('kept@example.com')).toBeDefined();
    expect(requireConnection(h.db, connection.id)).toMatchObject({ status: 'connected', lastError: null });
    expect(h.sandbox.admin.contacts()).toHaveLength(2);
  });

  it('disconnect deletes the tokens and revokes the grant in HubSpot', async () => {
    const h = await oauthHarness({ clientSecret: 'e2e-client-secret-0003' });
    const connection = await h.connect();
    const refreshToken = await stored(h, connection.id, 'refresh_token');
    await h.engine.disconnect(connection.id);
    expect(h.vault.keys().filter((k) => k.startsWith(`connection:${connection.id}:`))).toEqual([]);
    const info = await fetch(`${h.sandbox.url}/oauth/v1/refresh-tokens/${refreshToken}`);
    expect(info.status).toBe(404);
    expect(h.logs).toEqual([]);
  });
});
