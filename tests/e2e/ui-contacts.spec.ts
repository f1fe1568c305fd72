import { expect, test } from './fixtures';

// Importing (preview, mapping, report) is tested in ui-import.spec.ts.

test('create, edit and delete a contact with the keyboard-friendly form', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New contact' }).click();
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Hopper');
  await page.getByRole('button', { name: 'Add e-mail' }).click();
  await page.getByLabel('E-mail 1', { exact: true }).fill('grace@navy.example');
  await page.getByRole('button', { name: 'Add phone' }).click();
  await page.getByLabel('Phone 1', { exact: true }).fill('+1 202 555 0199');
  await page.getByRole('button', { name: 'Add custom field' }).click();
  await page.getByLabel('Field name 1', { exact: true }).fill('Rank');
  await page.getByLabel('Value').last().fill('Rear Admiral');
  await page.getByLabel('Event').fill('COBOL Summit');
  await page.getByRole('button', { name: 'Save' }).click();
  const detail = page.getByTestId('contact-detail');
  await expect(detail.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
  await expect(detail).toContainText('Rear Admiral');
  await expect(detail).toContainText('COBOL Summit');
  await expect(page.getByTestId('contact-count')).toHaveText('51 contacts');

  // Delete is immediate and undoable: the toast says what happened and offers Undo.
  await detail.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('50 contacts');
  const toast = page.getByTestId('toast').filter({ hasText: 'Deleted Grace Hopper' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('51 contacts');
  await expect(page.getByTestId('toast').filter({ hasText: 'Restored 1 contact' })).toBeVisible();
});

/**
 * The browser reports offline (navigator.onLine false + the offline event) while
 * loopback still works, as on a plane: Playwright's setOffline would also cut
 * the page's socket to Ferry, which a real network outage never does.
 */
async function setBrowserOnline(page: import('@playwright/test').Page, online: boolean): Promise<void> {
  await page.evaluate((on) => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => on });
    window.dispatchEvent(new Event(on ? 'online' : 'offline'));
  }, online);
}

test('offline: a banner says changes will sync later, and editing still works', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await setBrowserOnline(page, false);
  await expect(page.getByTestId('offline-banner')).toContainText('will sync when the network returns');
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByTestId('contact-row').first().click();
  await expect(page.getByTestId('contact-detail')).toBeVisible();
  await page.getByTestId('contact-detail').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('Offline edit');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('contact-detail')).toContainText('Offline edit');
  await setBrowserOnline(page, true);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});
