import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, shot, test } from './fixtures';

interface SandboxContacts { results: { id: string; properties: Record<string, string | null | undefined> }[] }

test.describe('Mapping screen', () => {
  test('choose a HubSpot field from HubSpot\'s own list, see it in the preview, add a lifecycle rule, and sync what the screen showed', async ({ page, ferry }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const card = page.getByTestId('connection-card');
    await card.getByRole('button', { name: 'Mapping' }).click();
    await expect(page).toHaveURL(/#\/mapping\/\d+$/);
    await expect(page.getByRole('heading', { name: 'HubSpot field mapping' })).toBeVisible();
    const grid = page.getByTestId('mapping-grid');
    const title = grid.locator('tr[data-field="title"]');
    await expect(title.getByRole('combobox', { name: 'CRM field for title' })).toHaveValue('__default');
    await expect(title).toContainText('string');

    // the job title goes to HubSpot's "industry" property instead; the preview follows
    await title.getByRole('combobox', { name: 'CRM field for title' }).selectOption('industry');
    await expect(title.getByRole('combobox', { name: 'CRM field for title' })).toHaveValue('industry');
    const preview = page.getByTestId('mapping-preview');
    await expect(preview.locator('dt', { hasText: /^industry$/ }).first()).toBeVisible();
    await expect(preview.locator('dt', { hasText: /^jobtitle$/ })).toHaveCount(0);

    // company: fill only if empty; a rule sets the lifecycle stage of tagged contacts
    await grid.locator('tr[data-field="company"]').getByRole('combobox', { name: 'Write policy for company' }).selectOption('fill_if_empty');
    await page.getByRole('textbox', { name: 'Rule: tag' }).fill('vip');
    await page.getByRole('combobox', { name: 'Rule: CRM field' }).selectOption('lifecyclestage');
    await page.getByRole('combobox', { name: 'Rule: value' }).selectOption('customer');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByText('When tag “vip”: lifecyclestage = customer')).toBeVisible();
    await expect(page.locator('[data-slot="filters"]')).toBeVisible();
    await page.screenshot({ path: shot('mapping-screen') });

    // what the screen promised is what HubSpot gets
    await page.getByRole('link', { name: 'Back to Integrations' }).click();
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('pending')).toHaveText('0');
    const contacts = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts') as SandboxContacts;
    const demo = await callFerry(page, 'listContacts', { limit: 100 }) as { items: { title: string; emails: { value: string }[]; tags: string[] }[] };
    const withTitle = demo.items.find((c) => c.title);
    const sent = contacts.results.find((r) => r.properties.email === withTitle?.emails[0]?.value.toLowerCase());
    expect(sent?.properties.industry).toBe(withTitle?.title);
    expect(sent?.properties.jobtitle ?? '').toBe('');
    const vip = demo.items.find((c) => c.tags.includes('vip'));
    if (vip) expect(contacts.results.find((r) => r.properties.email === vip.emails[0]?.value.toLowerCase())?.properties.lifecyclestage).toBe('customer');
  });
});
