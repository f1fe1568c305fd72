// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { useRouter } from '../../renderer/shell/use-router';
import { createStores, StoresProvider, useStores } from '../../renderer/store/stores';
import { fakeBridge } from './ui-fake-bridge';

afterEach(cleanup);

function Router(): null {
  useRouter(useStores());
  return null;
}

/**
 * A link changes the address at once and tells the page later (hashchange is a queued event).
 * A store that changes in between (a message from main, the network going away) made the router
 * write the old screen back into the address, and the rep's click was lost: CI saw "Contacts"
 * clicked and the Integrations screen stay.
 */
it('a link followed while a store changes is not undone: the address the rep chose wins', async () => {
  window.history.replaceState(null, '', '#/integrations');
  const stores = createStores(fakeBridge().client, true);
  render(<StoresProvider stores={stores}><Router /></StoresProvider>);
  window.location.hash = '#/contacts';
  stores.app.getState().setOnline(false);
  await waitFor(() => expect(stores.app.getState().screen).toBe('contacts'));
  expect(window.location.hash).toBe('#/contacts');
});
