// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictView, FieldRulesView, PullCountsView, PullSummaryView } from '../../preload/schemas/pull';
import { pullSummaryText } from '../../preload/status/pull-sentences';
import { ConflictsScreen } from '../../renderer/features/conflicts/conflicts-screen';
import { ConnectionCard } from '../../renderer/features/integrations/connection-card';
import { DirectionAndRules } from '../../renderer/features/pull/direction-rules';
import { RunsTable } from '../../renderer/features/sync-log/runs-table';
import type { SyncRunView } from '../../preload/schemas/sync-log';
import { parseRoute, formatRoute } from '../../renderer/lib/routes';
import { createStores, StoresProvider, wireEvents, type Stores } from '../../renderer/store/stores';
import type { ConnectionView } from '../../preload/schemas/connection';
import { connectionView, fakeBridge } from './ui-fake-bridge';

afterEach(cleanup);

const counts = (patch: Partial<PullCountsView> = {}): PullCountsView => ({ connectionId: 1, direction: 'two-way', lastPullAt: null, pulled: 0, openConflicts: 0, potentialDuplicates: 0, ...patch });
const summary = (patch: Partial<PullSummaryView> = {}): PullSummaryView => ({
  connectionId: 1, runId: 3, state: 'succeeded', read: 12, created: 2, updated: 0, linked: 9, unchanged: 0, conflicts: 1, potentialDuplicates: 0,
  apiCalls: 2, startedAt: 0, finishedAt: 10, error: null, ...patch,
});
const conflict = (patch: Partial<ConflictView> = {}): ConflictView => ({
  id: 5, connectionId: 1, contactId: 9, contactName: 'Ada Lovelace', field: 'title', ferryValue: 'Engineer (Ferry)', crmValue: 'Engineer (CRM)',
  ferryChangedAt: Date.UTC(2026, 10, 30, 9), crmChangedAt: null, state: 'open', resolution: null, createdAt: 0, resolvedAt: null, ...patch,
});
const rules = (patch: Partial<FieldRulesView> = {}): FieldRulesView => ({
  connectionId: 1, direction: 'two-way', defaultRule: 'ask', fields: {}, readable: ['firstName', 'title'], notReadable: [{ field: 'meeting.notes', why: 'HubSpot keeps it as a note' }], ...patch,
});

function withStores(stores: Stores, node: React.ReactNode) {
  return render(<StoresProvider stores={stores}>{node}</StoresProvider>);
}

describe('pull sentences', () => {
  it('say what a pull read and did, only the numbers that are not zero', () => {
    expect(pullSummaryText(summary())).toBe('Read 12 records: 2 new contacts, 9 contacts linked, 1 conflict.');
    expect(pullSummaryText(summary({ read: 1, created: 0, linked: 0, conflicts: 0, unchanged: 1 }))).toBe('Read 1 record: 1 unchanged.');
    expect(pullSummaryText(summary({ state: 'interrupted', created: 0, linked: 0, conflicts: 0 }))).toMatch(/^Read 12 records \(stopped early/);
    expect(pullSummaryText(summary({ state: 'not_pulling' }))).toMatch(/only pushes/);
  });

  it('#/conflicts is a screen of its own and survives a reload', () => {
    expect(parseRoute('#/conflicts').screen).toBe('conflicts');
    expect(formatRoute({ screen: 'conflicts', contactId: null, runId: null })).toBe('#/conflicts');
  });
});

describe('the card for pull and two-way connections', () => {
  const card = (stores: Stores, c: ConnectionView) => withStores(stores, <ConnectionCard c={c} />);

  it('a push-only connection offers no Pull now and no pull line', async () => {
    const bridge = fakeBridge({ getPullCounts: async () => counts({ direction: 'push' }) });
    const stores = createStores(bridge.client, true);
    card(stores, connectionView());
    await waitFor(() => expect(bridge.calls.some((c) => c.channel === 'getPullCounts')).toBe(true));
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pull now' })).toBeNull();
    expect(screen.queryByTestId('pull-line')).toBeNull();
  });

  it('Pull now beside Sync now pulls, then shows what it did and links the open conflicts', async () => {
    let pulled = false;
    const bridge = fakeBridge({
      getPullCounts: async () => (pulled ? counts({ lastPullAt: Date.now(), pulled: 12, openConflicts: 1 }) : counts()),
      pullNow: async () => { pulled = true; return summary(); },
    });
    const stores = createStores(bridge.client, true);
    card(stores, connectionView());
    expect(await screen.findByTestId('pulled-count')).toHaveProperty('textContent', 'Not pulled yet');
    fireEvent.click(screen.getByRole('button', { name: 'Pull now' }));
    expect(await screen.findByTestId('pull-summary')).toHaveProperty('textContent', 'Read 12 records: 2 new contacts, 9 contacts linked, 1 conflict.');
    await waitFor(() => expect(screen.getByTestId('pulled-count').textContent).toBe('12 records pulled'));
    const link = screen.getByRole('link', { name: '1 open conflict' });
    expect(link.getAttribute('href')).toBe('#/conflicts');
    expect(bridge.calls.find((c) => c.channel === 'pullNow')?.input).toEqual({ connectionId: 1 });
  });

  it('a pull main runs by itself (the scheduler) shows live on the card, and when it ends the counts follow', async () => {
    let ended = false;
    const bridge = fakeBridge({ getPullCounts: async () => (ended ? counts({ lastPullAt: Date.now(), pulled: 400 }) : counts()) });
    const stores = createStores(bridge.client, true);
    wireEvents(stores);
    card(stores, connectionView());
    expect(await screen.findByTestId('pulled-count')).toHaveProperty('textContent', 'Not pulled yet');
    bridge.emit('pullProgress', { connectionId: 1, runId: 7, pages: 2, read: 200, done: false });
    expect(await screen.findByTestId('pull-progress')).toHaveProperty('textContent', ' Pulling from HubSpot… 200 records read');
    ended = true;
    bridge.emit('pullProgress', { connectionId: 1, runId: 7, pages: 4, read: 400, done: true });
    await waitFor(() => expect(screen.getByTestId('pulled-count').textContent).toBe('400 records pulled'));
    expect(screen.queryByTestId('pull-progress')).toBeNull();
  });

  it('a failed pull says why on the card', async () => {
    const bridge = fakeBridge({ getPullCounts: async () => counts(), pullNow: async () => { throw new Error('HubSpot needs to be reconnected before it can be read.'); } });
    const stores = createStores(bridge.client, true);
    card(stores, connectionView());
    fireEvent.click(await screen.findByRole('button', { name: 'Pull now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/reconnected/);
  });
});

describe('Conflicts list', () => {
  it('shows both values with their times and settles one with the CRM\'s value', async () => {
    let open = [conflict()];
    const bridge = fakeBridge({
      listConflicts: async () => ({ items: open, total: open.length }),
      resolveConflict: async () => { open = []; return conflict({ state: 'resolved', resolution: 'crm', resolvedAt: 1 }); },
      getPullCounts: async () => counts(),
    });
    const stores = createStores(bridge.client, true);
    withStores(stores, <ConflictsScreen />);
    const row = await screen.findByTestId('conflict-row');
    expect(within(row).getByTestId('ferry-value').textContent).toMatch(/Engineer \(Ferry\)changed /);
    expect(within(row).getByTestId('crm-value').textContent).toMatch(/Engineer \(CRM\).*gave no time/);
    fireEvent.click(within(row).getByRole('button', { name: "Take the CRM's value for title of Ada Lovelace" }));
    await waitFor(() => expect(screen.queryByTestId('conflict-row')).toBeNull());
    expect(bridge.calls.find((c) => c.channel === 'resolveConflict')?.input).toEqual({ conflictId: 5, take: 'crm' });
    expect(screen.getByText('No conflicts')).toBeTruthy();
  });

  it('a typed value is sent as the value; the resolved filter asks for resolved ones', async () => {
    const bridge = fakeBridge({
      listConflicts: async (input) => ({ items: input?.state === 'resolved' ? [conflict({ state: 'resolved', resolution: 'value', resolvedAt: 1 })] : [conflict()], total: 1 }),
      resolveConflict: async () => conflict({ state: 'resolved', resolution: 'value' }),
      getPullCounts: async () => counts(),
    });
    const stores = createStores(bridge.client, true);
    withStores(stores, <ConflictsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Type a value for title of Ada Lovelace' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'New value for title of Ada Lovelace' }), { target: { value: 'Chief Engineer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.calls.find((c) => c.channel === 'resolveConflict')?.input).toEqual({ conflictId: 5, value: 'Chief Engineer' }));
    fireEvent.change(screen.getByTestId('conflict-filter'), { target: { value: 'resolved' } });
    expect((await screen.findByText('Typed a value')).closest('tr')?.getAttribute('data-state')).toBe('resolved');
    expect(bridge.calls.filter((c) => c.channel === 'listConflicts').at(-1)?.input).toMatchObject({ state: 'resolved' });
  });
});

describe('Direction and rules', () => {
  it('each direction has its sentence; two-way shows the default rule, per-field rules and what cannot be read back', async () => {
    const bridge = fakeBridge({
      getPullRules: async () => rules({ direction: 'push' }),
      setDirection: async () => rules(),
      setFieldRule: async () => rules({ fields: { title: 'crm-owns' } }),
      getPullCounts: async () => counts(),
    });
    const stores = createStores(bridge.client, true);
    withStores(stores, <DirectionAndRules c={connectionView()} />);
    const push = await screen.findByRole('radio', { name: /Push.*nothing comes back/ });
    expect((push as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('radio', { name: /Pull.*sends nothing/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Two-way/ }));
    const title = await screen.findByRole('combobox', { name: 'Rule for title' });
    expect(bridge.calls.find((c) => c.channel === 'setDirection')?.input).toEqual({ connectionId: 1, direction: 'two-way' });
    expect(screen.getByTestId('not-readable').textContent).toMatch(/meeting\.notes.*HubSpot keeps it as a note/);
    fireEvent.change(title, { target: { value: 'crm-owns' } });
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Rule for title' }) as HTMLSelectElement).value).toBe('crm-owns'));
    expect(bridge.calls.find((c) => c.channel === 'setFieldRule')?.input).toEqual({ connectionId: 1, field: 'title', rule: 'crm-owns' });
  });

  it('an admin\'s locks replace the controls with "set by your admin"', async () => {
    const bridge = fakeBridge({ getPullRules: async () => rules(), getPullCounts: async () => counts() });
    const stores = createStores(bridge.client, true);
    withStores(stores, <DirectionAndRules c={connectionView({ locks: { mode: true, mapping: true, filter: false, disconnect: false } })} />);
    await screen.findByTestId('field-rules');
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getAllByTestId('locked-setting').map((l) => l.textContent)).toEqual([expect.stringMatching(/Direction: Two-way/), expect.stringMatching(/Two-way rules/)]);
    expect((screen.getByRole('combobox', { name: 'Rule for title' }) as HTMLSelectElement).disabled).toBe(true);
  });
});

describe('Sync log', () => {
  it('a pull run reads as a pull with what it read; a push keeps its words', () => {
    const run = (patch: Partial<SyncRunView>): SyncRunView => ({
      id: 1, connectionId: 1, trigger: 'manual', kind: 'push', state: 'succeeded', startedAt: 0, finishedAt: 5, durationMs: 5, error: null,
      planned: 12, created: 2, updated: 1, deleted: 0, marked: 0, unchanged: 9, failed: 0, quarantined: 0, held: 0, apiCalls: 2, rateLimited: 0, ...patch,
    });
    render(<RunsTable runs={[run({ id: 1, kind: 'pull' }), run({ id: 2, kind: 'push', planned: 3, unchanged: 0 })]} connections={[connectionView()]} onOpen={() => undefined} />);
    const [pull, push] = screen.getAllByTestId('run-row');
    expect(pull?.getAttribute('data-kind')).toBe('pull');
    expect(within(pull as HTMLElement).getByText('Pull')).toBeTruthy();
    expect(pull?.textContent).toContain('12 records read: 2 new contacts, 1 contact updated, 9 unchanged or linked');
    expect(push?.textContent).not.toContain('Pull');
    expect(push?.textContent).toContain('2 records created, 1 record updated');
  });
});
