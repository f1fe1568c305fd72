import { expect, sandboxAdmin, startFerry, test as base, type FerryServer } from './fixtures';

interface SandboxContacts { results: { id: string }[] }

/** A Ferry whose HubSpot OAuth client is registered with a HubSpot sandbox (tests/e2e/serve-web.mjs). */
const test = base.extend<{ oauthFerry: FerryServer }>({
  // Playwright requires the destructured fixtures argument even when none are used.
  // eslint-disable-next-line no-empty-pattern
  oauthFerry: async ({}, use) => {
    const server = await startFerry({ FERRY_E2E_OAUTH: '1' });
    await use(server);
    await server.stop();
  },
});

test.describe('Connect with HubSpot (OAuth in the browser)', () => {
  test('the sign-in opens in a new tab, the sandbox approves it, the tab says to return to Ferry and the card is connected', async ({ page, oauthFerry }) => {
    const sandbox = oauthFerry.oauthSandbox;
    if (!sandbox) throw new Error('the OAuth sandbox did not start');
    await page.goto(oauthFerry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('pick-hubspot').click();
    const connectButton = dialog.getByRole('button', { name: 'Connect with HubSpot' });
    await expect(connectButton).toBeVisible();

    const signInTab = page.context().waitForEvent('page');
    await connectButton.click();
    const tab = await signInTab;
    await tab.waitForLoadState();
    // The sandbox approved the consent page and redirected to Ferry's loopback callback.
    expect(new URL(tab.url()).pathname).toBe('/oauth/callback');
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Ferry is connected to HubSpot');
    await expect(tab.getByText('return to Ferry')).toBeVisible();

    await expect(dialog).toHaveCount(0);
    const card = page.getByTestId('connection-card');
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-kind', 'hubspot');
    await expect(card).toHaveAttribute('data-status', 'connected');
    await expect(card.getByTestId('pending')).toHaveText('50');

    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('synced-total')).toHaveText('50');
    const inSandbox = await sandboxAdmin(sandbox, 'GET', 'contacts') as SandboxContacts;
    expect(inSandbox.results).toHaveLength(50);
    // the portal granted the optional company scopes: companies are linked, the card says nothing about them
    await expect(card.getByTestId('companies-off')).toHaveCount(0);
  });

  test('a portal that cannot grant the company scopes still connects; the card says companies are off and why, and contacts sync', async ({ page, oauthFerry }) => {
    const sandbox = oauthFerry.oauthSandbox;
    if (!sandbox) throw new Error('the OAuth sandbox did not start');
    await sandboxAdmin(sandbox, 'PUT', 'oauth-ungrantable-scopes', { scopes: ['crm.objects.companies.read', 'crm.objects.companies.write', 'crm.schemas.companies.read', 'crm.schemas.companies.write'] });
    await page.goto(oauthFerry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('pick-hubspot').click();
    const signInTab = page.context().waitForEvent('page');
    await dialog.getByRole('button', { name: 'Connect with HubSpot' }).click();
    await (await signInTab).waitForLoadState();
    const card = page.getByTestId('connection-card');
    await expect(card).toHaveAttribute('data-status', 'connected');
    await expect(card.getByTestId('companies-off')).toHaveText(/^Companies are off: the token lacks the company scopes\. Contacts still sync/);
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('synced-total')).toHaveText('50');
    const companies = await sandboxAdmin(sandbox, 'GET', 'companies') as { results: unknown[] };
    expect(companies.results).toHaveLength(0);
  });

  test('without a configured HubSpot app the dialog says so and points to the README; the token stays available', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('pick-hubspot').click();
    await expect(dialog.getByTestId('oauth-unavailable')).toContainText('"Connecting with OAuth" in Ferry\'s README');
    await expect(dialog.getByRole('button', { name: 'Connect with HubSpot' })).toHaveCount(0);
    await expect(dialog.getByLabel('Service key or private app token')).toBeVisible();
  });
});
