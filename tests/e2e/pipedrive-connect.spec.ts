import { expect, test } from './fixtures';

/**
 * Pipedrive's sign-in comes from its descriptor alone (destinations/pipedrive.ts):
 * the tile, the token field with its hint and check, and the sandbox tile that
 * connects and syncs in the web mode.
 */
test('Pipedrive in Add integration: the token form from its descriptor, and its sandbox connects and syncs', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Add integration' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /^Pipedrive People/ }).click();
  const token = dialog.getByLabel('Personal API token');
  await expect(token).toHaveAttribute('type', 'password');
  await expect(dialog).toContainText('Personal preferences → API');
  await token.fill('short');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toContainText('Paste your Pipedrive API token');
  await dialog.getByRole('button', { name: 'Back' }).click();

  await dialog.getByRole('button', { name: /Pipedrive Sandbox/ }).click();
  await dialog.getByLabel('Sync mode').selectOption('manual');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);
  const card = page.getByTestId('connection-card').filter({ has: page.getByRole('heading', { name: 'Pipedrive Sandbox' }) });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('status-words')).toHaveText('Up to date');
  await expect(card.getByTestId('last-run')).toContainText('records created');
});
