// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionCard } from '../../renderer/features/integrations/connection-card';
import { createStores, StoresProvider, type Stores } from '../../renderer/store/stores';
import { Dialog } from '../../renderer/ui/dialog';
import { connectionView, fakeBridge } from './ui-fake-bridge';

afterEach(cleanup);

function renderCard(stores: Stores) {
  const c = stores.connections.getState().connections?.[0];
  if (!c) throw new Error('no connection');
  return render(<StoresProvider stores={stores}><ConnectionCard c={c} /></StoresProvider>);
}

describe('ConnectionCard', () => {
  it('shows health, the last sync and the counts; Sync now calls the bridge and shows live progress', async () => {
    let finish: (() => void) | undefined;
    const bridge = fakeBridge({
      listConnections: async () => [connectionView({ syncedToday: 12, syncedTotal: 340, lastSuccessAt: Date.UTC(2025, 0, 2, 10, 30) })],
      syncNow: () => new Promise((resolve) => { finish = () => resolve({ runId: 1, connectionId: 1, trigger: 'manual', state: 'succeeded', planned: 2, created: 2, updated: 0, deleted: 0, marked: 0, unchanged: 0, failed: 0, quarantined: 0, held: 0, apiCalls: 1, rateLimited: 0, startedAt: 0, finishedAt: 10, error: null }); }),
    });
    const stores = createStores(bridge.client, true);
    await stores.connections.getState().load();
    renderCard(stores);
    expect(screen.getByTestId('health-badge').textContent).toContain('Healthy');
    expect(screen.getByTestId('synced-today').textContent).toBe('12');
    expect(screen.getByTestId('synced-total').textContent).toBe('340');
    expect(screen.getByTestId('last-sync').textContent).not.toBe('Not yet');

    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    act(() => stores.connections.getState().onProgress({ connectionId: 1, runId: 1, done: 25, total: 100, rate: 50, etaMs: 1500 }));
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('progress-count').textContent).toBe('25 / 100');
    expect(bridge.calls.some((c) => c.channel === 'syncNow')).toBe(true);
    await act(async () => { finish?.(); });
  });

  it('needs reauthorization: says so, offers Reconnect, and keeps the CRM\'s message one click away', async () => {
    const bridge = fakeBridge({
      listConnections: async () => [connectionView({ status: 'needs_reauth', health: 'error', pending: 2, lastError: 'Reconnect HubSpot to resume syncing.', lastErrorDetail: 'HTTP 401 EXPIRED_AUTHENTICATION' })],
      reconnect: async () => connectionView(),
    });
    const stores = createStores(bridge.client, true);
    await stores.connections.getState().load();
    renderCard(stores);
    expect(screen.getByTestId('problem').textContent).toContain('HubSpot needs you to sign in again');
    expect(screen.getByTestId('crm-message').textContent).toBe('HTTP 401 EXPIRED_AUTHENTICATION');
    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect HubSpot' }));
    await waitFor(() => expect(bridge.calls.some((c) => c.channel === 'reconnect')).toBe(true));
  });

  it('Zapier says "delivered", never "synced"', async () => {
    const bridge = fakeBridge({ listConnections: async () => [connectionView({ kind: 'zapier', label: 'Zapier' })] });
    const stores = createStores(bridge.client, true);
    await stores.connections.getState().load();
    const { container } = renderCard(stores);
    expect(container.textContent).toContain('Delivered today');
    expect(container.textContent).not.toMatch(/synced/i);
  });
});

describe('Dialog', () => {
  function Harness() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>Open</button>
        {open && <Dialog title="Test" onClose={() => setOpen(false)}><input aria-label="first" /><button type="button">second</button></Dialog>}
      </>
    );
  }

  it('focuses inside, traps Tab, closes on Escape and gives focus back', () => {
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('first'));
    // Tab from the last focusable wraps to the first (the Close button in the header).
    screen.getByRole('button', { name: 'second' }).focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
