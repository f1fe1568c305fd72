import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../main/ipc/router';
import { scrubSecrets } from '../../main/ipc/scrub';
import { originOf } from '../../main/ipc/sender-policy';
import { ServiceError } from '../../main/services/errors';
import type { FerryEventMessage } from '../../preload/contract';
import { makeTestServices, type TestServices } from '../support/test-services';

const APP = { frameIsMain: true, origin: 'file://' };

describe('router', () => {
  let t: TestServices;
  let router: Router;
  const internal: unknown[] = [];

  beforeEach(() => {
    t = makeTestServices();
    router = createRouter(t.services, { allowedOrigins: ['file://'], onInternalError: (e) => internal.push(e) });
    internal.length = 0;
  });
  afterEach(() => t.close());

  it('serves a valid call', async () => {
    const created = await router.call('createContact', { contact: { firstName: 'Ada', lastName: 'Lovelace' } }, APP);
    expect(created.ok).toBe(true);
    const list = await router.call('listContacts', {}, APP);
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('refuses iframes and other origins', async () => {
    for (const sender of [
      { frameIsMain: false, origin: 'file://' },
      { frameIsMain: true, origin: 'https://evil.example' },
      { frameIsMain: true, origin: 'http://127.0.0.1:1234' },
      { frameIsMain: true, origin: 'null' },
    ]) {
      const r = await router.handle('listContacts', {}, sender);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(originOf('file:///opt/Ferry/resources/app/dist/index.html')).toBe('file://');
    expect(originOf('http://127.0.0.1:4321/?token=x')).toBe('http://127.0.0.1:4321');
  });

  it('answers an unknown channel and a bad payload with typed errors', async () => {
    expect(await router.handle('dropTables', {}, APP)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router.handle({ toString: () => 'x' }, {}, APP)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router.handle('__proto__', {}, APP)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const bad = await router.handle('getContact', { id: 'one' }, APP);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(bad.error.message).toMatch(/^Invalid input for getContact: id: /);
      expect(bad.error.issues?.[0]?.path).toBe('id');
    }
  });

  it('turns service errors into typed errors with their sentence', async () => {
    expect(await router.handle('getContact', { id: 999 }, APP)).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no contact with id 999.' } });
    const first = await router.call('connect', { kind: 'hubspot' }, APP);
    expect(first.ok).toBe(true);
    const again = await router.call('connect', { kind: 'hubspot' }, APP);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await router.handle('syncNow', { connectionId: 77 }, APP)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await router.handle('connect', { kind: 'hubspot', sandbox: true }, APP)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('scrubs tokens from errors and reports unexpected ones', async () => {
    t.sync.dryRun = async () => { throw new Error('HTTP 401 from https://api.example/x?access_token=abc123 with Authorization: Bearer pat-na1-11111111-2222-3333-4444-555555555555'); };
    const c = await router.call('connect', { kind: 'salesforce' }, APP);
    if (!c.ok) throw new Error(c.error.message);
    const r = await router.handle('dryRun', { connectionId: c.value.id }, APP);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).not.toMatch(/abc123|pat-na1|5555/);
      expect(r.error.message).toContain('[hidden]');
    }
    expect(internal).toHaveLength(1);
    t.sync.dryRun = async () => { throw new ServiceError('unavailable', 'The sandbox is not running.'); };
    expect(await router.handle('dryRun', { connectionId: c.value.id }, APP)).toEqual({ ok: false, error: { code: 'unavailable', message: 'The sandbox is not running.' } });
  });

  it('never returns a secret: connections only say whether one exists', async () => {
    const c = await router.call('connect', { kind: 'zapier', secrets: { hookUrl: 'https://hooks.zapier.com/hooks/catch/123/abcdef/' } }, APP);
    if (!c.ok) throw new Error(c.error.message);
    t.secrets.add(c.value.id);
    const list = await router.call('listConnections', undefined, APP);
    expect(JSON.stringify(list)).not.toContain('hooks.zapier.com');
    expect(list.ok && list.value[0]?.hasSecret).toBe(true);
    const exported = await router.call('exportConfig', undefined, APP);
    expect(JSON.stringify(exported)).not.toContain('hooks.zapier.com');
  });

  it('emits contactChanged after writes and forwards engine events', async () => {
    const seen: FerryEventMessage[] = [];
    t.services.events.subscribe((m) => seen.push(m));
    const created = await router.call('createContact', { contact: { firstName: 'Grace' } }, APP);
    if (!created.ok) throw new Error(created.error.message);
    await router.call('updateContact', { id: created.value.id, patch: { title: 'Admiral' } }, APP);
    await router.call('deleteContact', { id: created.value.id }, APP);
    const c = await router.call('connect', { kind: 'hubspot' }, APP);
    if (!c.ok) throw new Error(c.error.message);
    await router.call('syncNow', { connectionId: c.value.id }, APP);
    expect(seen.map((m) => m.event)).toEqual(['contactChanged', 'contactChanged', 'contactChanged', 'syncProgress', 'runFinished']);
    expect(seen[1]).toEqual({ event: 'contactChanged', payload: { cardId: created.value.cardId, ids: [created.value.id], kind: 'updated' } });
  });

  it('serves the sync log, stats, settings and config round trip', async () => {
    const c = await router.call('connect', { kind: 'hubspot', mode: 'scheduled', intervalMinutes: 30 }, APP);
    if (!c.ok) throw new Error(c.error.message);
    await router.call('syncNow', { connectionId: c.value.id }, APP);
    const runs = await router.call('listRuns', { connectionId: c.value.id }, APP);
    expect(runs).toMatchObject({ ok: true, value: { total: 1 } });
    t.db.prepare(`INSERT INTO sync_events(run_id, connection_id, at, outcome, changes) VALUES (1, ?, ?, 'created', '[{"field":"email","old":null,"new":"a@b.c"}]')`).run(c.value.id, Date.UTC(2025, 0, 2, 23, 30));
    const events = await router.call('listEvents', { outcomes: ['created'] }, APP);
    expect(events.ok && events.value.items[0]?.changes).toEqual([{ field: 'email', old: null, new: 'a@b.c' }]);
    const stats = await router.call('getStats', { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 0, 5), utcOffsetMinutes: 60 }, APP);
    expect(stats).toEqual({ ok: true, value: { days: [{ day: '2025-01-03', connectionId: c.value.id, count: 1 }] } });
    const settings = await router.call('updateSettings', { defaultPhoneRegion: 'GB', launchAtLogin: true }, APP);
    expect(settings).toMatchObject({ ok: true, value: { defaultPhoneRegion: 'GB', launchAtLogin: true, dataDir: t.dir } });

    const exported = await router.call('exportConfig', undefined, APP);
    if (!exported.ok) throw new Error(exported.error.message);
    await router.call('setMode', { connectionId: c.value.id, mode: 'manual' }, APP);
    const imported = await router.call('importConfig', { json: exported.value.json }, APP);
    expect(imported).toEqual({ ok: true, value: { applied: ['hubspot'], ignored: [], notConnected: [], sandboxes: [], settingsApplied: true } });
    const after = await router.call('listConnections', undefined, APP);
    expect(after.ok && after.value[0]).toMatchObject({ mode: 'scheduled', intervalMinutes: 30 });
    expect(await router.handle('importConfig', { json: '{"format":"other"}' }, APP)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('previews and imports with a report (strict or not), and exports CSV', async () => {
    const data = Buffer.from('Ada,Lovelace,ada@example.com\nBad,Row,\n').toString('base64');
    const preview = await router.call('previewImport', { fileName: 'a.csv', content: { encoding: 'base64', data } }, APP);
    expect(preview).toMatchObject({ ok: true, value: { written: false, added: 1, rejected: [{ line: 2 }] } });
    const aborted = await router.call('importContacts', { fileName: 'a.csv', content: { encoding: 'base64', data }, strict: true }, APP);
    expect(aborted).toMatchObject({ ok: true, value: { written: false, added: 0, rejected: [{ line: 2 }] } });
    const imported = await router.call('importContacts', { fileName: 'a.csv', content: { encoding: 'base64', data } }, APP);
    expect(imported).toMatchObject({ ok: true, value: { written: true, added: 1 } });
    const csv = await router.call('exportContacts', undefined, APP);
    expect(csv.ok && csv.value.csv).toContain('ada@example.com');
  });

  it('scrubSecrets keeps ordinary sentences intact', () => {
    expect(scrubSecrets('HubSpot said: Property "email" is invalid for contact 42.')).toBe('HubSpot said: Property "email" is invalid for contact 42.');
    expect(scrubSecrets('POST https://hooks.zapier.com/hooks/catch/123/abc/ failed')).toBe('POST https://hooks.zapier.com/hooks/[hidden] failed');
    expect(scrubSecrets('{"refresh_token":"5Aep861abc.def"}')).not.toContain('5Aep');
    expect(scrubSecrets('token eyJhbGciOi.eyJzdWIiOiIx.sig')).not.toContain('eyJ');
  });
});
