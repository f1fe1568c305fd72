import { expect, sandboxAdmin, sandboxUrl, shot, test } from './fixtures';

interface SandboxContacts { results: { id: string; fields: Record<string, string> }[] }

/**
 * Zoho CRM in Add integration comes from its descriptor alone: the tile and its
 * blurb, the data-centre choice, the access-token field, the browser sign-in and
 * the sandbox tile.
 */
test.describe('Zoho CRM in Add integration', () => {
  test('the Zoho CRM form asks for the data centre and a token, names what the sign-in needs, and says nothing was saved when Zoho cannot be reached', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Zoho CRM Contacts, upserted by Ferry ID or e-mail/ }).click();
    const region = dialog.getByLabel('Data centre');
    await expect(region).toHaveValue('com');
    await region.selectOption('eu');
    // no client id is configured here: the sign-in says what it needs, the token path stays open
    await expect(dialog.getByTestId('oauth-unavailable')).toContainText('Signing in with Zoho CRM needs your company\'s Zoho CRM app');
    await page.screenshot({ path: shot('add-integration-zoho') });
    await dialog.getByLabel('Access token').fill('1000.not-a-real-token');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    // www.zohoapis.eu is not reachable from the test machine: nothing may be saved
    await expect(dialog.getByTestId('error-banner')).toContainText('Nothing was saved');
  });

  test('the Zoho CRM sandbox connects from its tile and Sync now sends the demo contacts', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Zoho CRM Sandbox/ }).click();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog).toHaveCount(0);
    const card = page.getByTestId('connection-card');
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('last-run')).toContainText('50 records created');
    const held = await sandboxAdmin(await sandboxUrl(page, 'zoho'), 'GET', 'contacts') as SandboxContacts;
    expect(held.results).toHaveLength(50);
    expect(held.results.every((r) => r.fields.Ferry_Id)).toBe(true);
  });
});
