import { expect, sandboxAdmin, startFerry, test as base, type FerryServer } from './fixtures';

/** A Ferry whose Dynamics 365 app is registered with a Dynamics sandbox's identity platform (tests/e2e/serve-web.mjs). */
const test = base.extend<{ dynamicsFerry: FerryServer }>({
  // Playwright requires the destructured fixtures argument even when none are used.
  // eslint-disable-next-line no-empty-pattern
  dynamicsFerry: async ({}, use) => {
    const server = await startFerry({ FERRY_E2E_OAUTH: 'dynamics' });
    await use(server);
    await server.stop();
  },
});

test.describe('Sign in with Dynamics 365, Pipedrive and Mailchimp (issue 17)', () => {
  test('Dynamics 365: the organisation address first, then the Microsoft sign-in in a new tab, and the card syncs there', async ({ page, dynamicsFerry }) => {
    const orgUrl = dynamicsFerry.oauthSandbox;
    if (!orgUrl) throw new Error('the Dynamics sandbox did not start');
    await page.goto(dynamicsFerry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Dynamics 365(?! Sandbox)/ }).first().click();
    const signIn = dialog.getByRole('button', { name: 'Connect with Dynamics 365' });
    await expect(signIn).toBeVisible();
    await expect(dialog.getByTestId('oauth-hint')).toContainText('Fill in the organisation address below');
    // without the organisation the sign-in does not start: it is for that organisation only
    await signIn.click();
    await expect(dialog.getByText('Enter your organisation address, e.g. https://yourorg.crm.dynamics.com.').first()).toBeVisible();

    await dialog.getByLabel('Organisation address').fill(orgUrl);
    const tabOpened = page.context().waitForEvent('page');
    await signIn.click();
    const tab = await tabOpened;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe('/oauth/callback');
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Ferry is connected to Dynamics 365');

    await expect(dialog).toHaveCount(0);
    const card = page.getByTestId('connection-card');
    await expect(card).toHaveAttribute('data-kind', 'dynamics');
    await expect(card).toHaveAttribute('data-status', 'connected');
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('synced-total')).toHaveText('50');
    const state = await sandboxAdmin(orgUrl, 'GET', 'state') as { contacts: number };
    expect(state.contacts).toBe(50);
  });

  test('Pipedrive and Mailchimp offer their sign-in button once their app is configured, beside the token', async ({ page }) => {
    const ferry = await startFerry({ FERRY_PIPEDRIVE_CLIENT_ID: 'pd-app', FERRY_MAILCHIMP_CLIENT_ID: 'mc-app' });
    try {
      await page.goto(ferry.url);
      for (const [pick, name, typed, asked] of [['pick-pipedrive', 'Pipedrive', 'Personal API token', null], ['pick-mailchimp', 'Mailchimp', 'API key', 'audience ID']] as const) {
        await page.getByRole('button', { name: 'Add integration' }).first().click();
        const dialog = page.getByRole('dialog');
        await dialog.getByTestId(pick).click();
        await expect(dialog.getByRole('button', { name: `Connect with ${name}` })).toBeVisible();
        await expect(dialog.getByLabel(typed)).toBeVisible();
        if (asked) await expect(dialog.getByTestId('oauth-hint')).toContainText(`Fill in the ${asked} below`);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      }
    } finally {
      await ferry.stop();
    }
  });
});
