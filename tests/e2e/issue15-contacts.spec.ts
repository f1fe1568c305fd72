import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, test } from './fixtures';
import type { Page } from '@playwright/test';

async function openContacts(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
}

async function importRows(page: Page, rows: string[]): Promise<void> {
  await callFerry(page, 'importContacts', { fileName: 'e2e.csv', content: { encoding: 'text', data: ['First Name,Last Name,Email,Company,Job Title,Mobile Phone', ...rows].join('\n') }, skipInvalid: true });
}

test.describe('Contacts', () => {
  test('item 1: a search pages through every match and shows the true total', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await importRows(page, Array.from({ length: 652 }, (_, i) => `Pat${i},Harbour${String(i).padStart(3, '0')},pat${i}@harbour.example,Harbourside Ltd,,`));
    await openContacts(page);
    await page.getByLabel('Search contacts').fill('Harbourside');
    await expect(page.getByTestId('contacts-summary')).toHaveText('652 found');
    const list = page.getByRole('listbox', { name: 'Search results, 652' });
    await list.focus();
    await page.keyboard.press('End');
    await expect(page.getByRole('option').filter({ hasText: /Pat\d+ Harbour\d{3}/ }).last()).toBeVisible();
    await expect(list.locator('[aria-posinset="652"]')).toContainText('Harbour');
  });

  test('item 11: title and phone are searchable, a new contact shows despite the search, an invalid phone warns, no "card"', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await importRows(page, ['Ada,Lovelace,ada@engines.example,Analytical Engines,Chief Engineer,+44 20 7946 0958']);
    await openContacts(page);
    await expect(page.getByTestId('contacts-summary')).toHaveText('51 contacts');
    await expect(page.locator('main')).not.toContainText(/on this card/);
    await page.getByLabel('Search contacts').fill('Chief Engineer');
    await expect(page.getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('option')).toContainText('Ada Lovelace');
    await page.getByLabel('Search contacts').fill('7946 0958');
    await expect(page.getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('option')).toContainText('Ada Lovelace');

    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Last name').fill('Hopper');
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByLabel('Phone 1', { exact: true }).fill('12345');
    await expect(page.getByText('"12345" is not a valid phone number in United States')).toBeVisible();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('contact-detail').getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
    await expect(page.getByLabel('Search contacts')).toHaveValue('');
    await expect(page.getByTestId('contacts-summary')).toHaveText('52 contacts');
    await expect(page.getByTestId('contact-detail')).toContainText('not a number Ferry could read');
  });

  test('item 3: demo contacts are marked, never sent to a real CRM, and removed in one click with Undo', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await openContacts(page);
    await expect(page.getByRole('option').first()).toContainText('Demo');
    await expect(page.getByTestId('demo-notice')).toContainText('50 contacts marked Demo are made-up people');
    await page.getByTestId('contact-row').first().click();
    await expect(page.getByTestId('contact-detail')).toContainText('Demo contact — sent to sandboxes only');
    // Editing a demo contact keeps it a demo contact (an update must not reset what it does not name).
    await page.getByTestId('contact-detail').getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('Edited title');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('contact-detail')).toContainText('Edited title');
    await expect(page.getByTestId('contact-detail')).toContainText('Demo contact — sent to sandboxes only');
    // A partial update over the contract keeps every field it does not name.
    const { items } = await callFerry<{ items: { id: number; firstName: string; emails: unknown[] }[] }>(page, 'listContacts', { limit: 1, offset: 5 });
    const after = await callFerry<{ firstName: string; emails: unknown[]; source: string }>(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Patched' } });
    expect(after).toMatchObject({ firstName: items[0]!.firstName, source: 'demo' });
    expect(after.emails).toEqual(items[0]!.emails);

    await page.getByRole('button', { name: 'Remove demo contacts' }).click();
    await expect(page.getByTestId('contact-count')).toHaveText('0 contacts');
    await expect(page.getByTestId('demo-notice')).toHaveCount(0);
    await page.getByTestId('toast').filter({ hasText: 'Removed 50 demo contacts' }).getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('contact-count')).toHaveText('50 contacts');
    await expect(page.getByTestId('demo-notice')).toBeVisible();
  });

  test('missing: multi-select with bulk tag, retry and delete, and Undo', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    // One contact HubSpot rejects, so there is something to retry.
    await callFerry(page, 'createContact', { contact: { firstName: 'Aaron', lastName: 'Aardvark', emails: [{ value: 'aaron@' }] } });
    await page.getByTestId('connection-card').getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('connection-card').getByTestId('status-words')).toHaveText(/1 record rejected/);
    await openContacts(page);
    const list = page.getByRole('listbox');
    await list.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('bulk-bar')).toContainText('2 contacts selected');
    await expect(page.getByRole('option', { selected: true })).toHaveCount(2);

    // Retry first: any edit (a tag too) queues the contact again by itself.
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Retry sending' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: '1 record set aside will be sent again.' })).toBeVisible();
    expect((await callFerry<{ id: number; quarantined: number }[]>(page, 'listConnections'))[0]!.quarantined).toBe(0);

    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Tag…' }).click();
    await page.getByLabel('Tag to add').fill('bulkpicked');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Tagged 2 contacts “bulkpicked”.' })).toBeVisible();
    const tagged = await callFerry<{ items: unknown[]; total: number }>(page, 'searchContacts', { query: 'bulkpicked' });
    expect(tagged.total).toBe(2);

    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('contact-count')).toHaveText('49 contacts');
    await page.getByTestId('toast').filter({ hasText: 'Deleted 2 contacts' }).getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('contact-count')).toHaveText('51 contacts');
    const inSandbox = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts') as { results: unknown[] };
    expect(inSandbox.results.length).toBe(50);
  });

  test('polish: a phone shows once, and a date-only meeting stays a date', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    const c = await callFerry<{ id: number }>(page, 'createContact', { contact: { firstName: 'Date', lastName: 'Only', phones: [{ raw: '+1 202 555 0199' }], meeting: { at: '2026-03-14', event: 'Pi Day Expo' } } });
    await page.goto(`${ferry.url}#/contacts/${c.id}`);
    const detail = page.getByTestId('contact-detail');
    await expect(detail).toContainText('Pi Day Expo');
    await expect(detail).not.toContainText('12:00');
    await expect(detail).not.toContainText('+12025550199');
    await expect(detail.getByRole('link', { name: '+1 202 555 0199' })).toHaveCount(1);
  });
});
