import { expect, sandboxAdmin, sandboxUrl, test } from './fixtures';

/**
 * Issue 17: Dynamics 365's sign-in form comes from its descriptor alone. In the
 * web mode, Add integration offers it with its blurb and asks for the
 * organisation address and an access token; its sandbox connects and syncs.
 */
test.describe('Add integration → Dynamics 365', () => {
  test('the descriptor\'s form, then the sandbox: connect, Sync now, the contacts arrive', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Dataverse contacts, upserted in $batch requests by a Ferry ID alternate key.')).toBeVisible();
    await dialog.getByRole('button', { name: /^Dynamics 365(?! Sandbox)/ }).first().click();
    await expect(dialog.getByLabel('Organisation address')).toBeVisible();
    await expect(dialog.getByLabel('Access token')).toBeVisible();
    await dialog.getByLabel('Organisation address').fill('http://example.com');
    await dialog.getByLabel('Access token').fill('x');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog.getByText('Enter your organisation address, e.g. https://yourorg.crm.dynamics.com.')).toBeVisible();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Add integration' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: /Dynamics 365 Sandbox/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const card = page.getByTestId('connection-card').filter({ hasText: 'Dynamics 365' });
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card).toContainText(/Up to date|last sync/i, { timeout: 30_000 });
    const state = await sandboxAdmin(await sandboxUrl(page, 'dynamics'), 'GET', 'state') as { contacts: number };
    expect(state.contacts).toBe(50);
  });
});
