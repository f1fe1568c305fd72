import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, shot, test } from './fixtures';

/**
 * Pull and two-way in the app, against the HubSpot sandbox: the connection is
 * set to two-way on the Mapping screen, the same field is edited in HubSpot
 * (the sandbox's admin routes) and in Ferry, Pull now finds the conflict, the
 * Conflicts list settles it, and the contact shows the change in its history; a
 * namesake in HubSpot with another e-mail shows as a potential duplicate on the contact.
 * Every new screen passes axe (no serious or critical violation) in light and dark mode.
 */

interface SandboxContact { id: string; properties: Record<string, string | null | undefined> }
interface ListedContact { id: number; firstName: string; lastName: string; title: string; emails: { value: string }[] }

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function axeInBothSchemes(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await seriousViolations(page)).map((v) => `${name}/${scheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

test.describe('Pull and two-way', () => {
  test('set two-way, edit a field on both sides, pull, settle the conflict, and read it in the history', async ({ page, ferry }) => {
    test.setTimeout(180_000);
    const a11y: string[] = [];
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const guide = page.getByRole('button', { name: 'Close the guide' });
    if (await guide.isVisible()) await guide.click();
    const card = page.getByTestId('connection-card');
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('pending')).toHaveText('0');
    // a push-only connection offers no pull
    await expect(card.getByTestId('pull-now')).toHaveCount(0);

    // Direction and rules live on the Mapping screen
    await card.getByRole('button', { name: 'Mapping' }).click();
    await expect(page).toHaveURL(/#\/mapping\/\d+$/);
    const settings = page.getByTestId('direction-rules');
    await expect(settings.getByRole('radio', { name: /Push/ })).toBeChecked();
    await settings.getByRole('radio', { name: /Two-way/ }).check();
    await expect(settings.getByRole('radio', { name: /Two-way/ })).toBeChecked();
    await expect(settings.getByTestId('default-rule')).toHaveValue('ask');
    await expect(settings.getByRole('combobox', { name: 'Rule for title' })).toHaveValue('__default');
    a11y.push(...await axeInBothSchemes(page, 'mapping-two-way'));
    await page.screenshot({ path: shot('pull-direction-rules') });
    await page.getByRole('link', { name: 'Back to Integrations' }).click();

    // The first pull links the records Ferry pushed: nothing new, nothing in conflict
    await expect(card.getByTestId('pull-now')).toBeVisible();
    await card.getByTestId('pull-now').click();
    await expect(card.getByTestId('pull-summary')).toContainText(/^Read \d+ records/);
    await expect(card.getByTestId('pull-summary')).not.toContainText('new contact');
    await expect(card.getByTestId('open-conflicts')).toHaveText('No open conflicts');
    // what Ferry pushed and reads back is its own: no record reached Ferry (re-reads and echoes are not counted)
    await expect(card.getByTestId('pulled-count')).toHaveText('0 records pulled');

    // The same field changes in HubSpot and in Ferry
    const { items } = await callFerry<{ items: ListedContact[] }>(page, 'listContacts', { limit: 100 });
    const ada = items.find((c) => c.emails.length > 0 && c.title);
    if (!ada) throw new Error('the demo card has no contact with an e-mail and a title');
    const base = await sandboxUrl(page);
    const { results } = await sandboxAdmin(base, 'GET', 'contacts') as { results: SandboxContact[] };
    const record = results.find((r) => r.properties.email === ada.emails[0]?.value.toLowerCase());
    if (!record) throw new Error(`${ada.emails[0]?.value} is not in the sandbox`);
    await sandboxAdmin(base, 'POST', 'contacts', { contacts: [{ id: record.id, properties: { jobtitle: 'Engineer (CRM)' } }] });
    await callFerry(page, 'updateContact', { id: ada.id, patch: { title: 'Engineer (Ferry)' } });
    // and someone in HubSpot has the name of another contact but another e-mail: maybe the same person
    const namesake = items.find((c) => c.id !== ada.id && c.firstName && c.lastName);
    if (!namesake) throw new Error('the demo card has no second named contact');
    await sandboxAdmin(base, 'POST', 'contacts', { contacts: [{ properties: { firstname: namesake.firstName, lastname: namesake.lastName, email: 'private.address@example.net' } }] });

    // Pull now: the rule "Ask me" keeps both values as a conflict
    await card.getByTestId('pull-now').click();
    await expect(card.getByTestId('pull-summary')).toContainText('1 conflict');
    await expect(card.getByTestId('pull-summary')).toContainText('1 potential duplicate');
    await expect(card.getByTestId('open-conflicts')).toHaveText('1 open conflict');
    await card.getByTestId('open-conflicts').click();
    await expect(page).toHaveURL(/#\/conflicts$/);
    const row = page.getByTestId('conflict-row').filter({ hasText: 'title' });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('ferry-value')).toContainText('Engineer (Ferry)');
    await expect(row.getByTestId('crm-value')).toContainText('Engineer (CRM)');
    await expect(row.getByTestId('ferry-value')).toContainText('changed');
    a11y.push(...await axeInBothSchemes(page, 'conflicts'));
    await page.screenshot({ path: shot('pull-conflicts') });

    // Take the CRM's: the open list empties, the resolved filter keeps it
    await row.getByRole('button', { name: /Take the CRM's value/ }).click();
    await expect(page.getByTestId('conflict-row')).toHaveCount(0);
    await page.getByTestId('conflict-filter').selectOption('resolved');
    const settled = page.getByTestId('conflict-row').filter({ hasText: 'title' });
    await expect(settled).toContainText("Took the CRM's value");

    // The contact now holds the CRM's value, and its history says where it came from
    await settled.getByRole('link', { name: new RegExp(ada.firstName) }).click();
    await expect(page).toHaveURL(new RegExp(`#/contacts/${ada.id}$`));
    const detail = page.getByTestId('contact-detail');
    await expect(detail).toContainText('Engineer (CRM)');
    await expect(page.getByTestId('contact-row').filter({ hasText: ada.emails[0]?.value ?? '' })).toContainText('Engineer (CRM)');
    const history = detail.getByTestId('contact-history');
    await expect(history.getByTestId('history-entry').filter({ hasText: 'Engineer (CRM)' }).first()).toContainText('→');
    a11y.push(...await axeInBothSchemes(page, 'contact-history'));
    await page.screenshot({ path: shot('pull-contact-history') });

    // The namesake's contact shows the HubSpot record that may be the same person, and why
    await page.goto(`${ferry.url}#/contacts/${namesake.id}`);
    const maybe = page.getByTestId('contact-detail').getByTestId('potential-duplicate');
    await expect(maybe).toHaveCount(1);
    await expect(maybe).toContainText('private.address@example.net');
    await expect(maybe).toContainText('same name, different e-mail');
    a11y.push(...await axeInBothSchemes(page, 'contact-potential-duplicates'));
    // "Not the same person" (ferry potential-duplicates dismiss): gone, and still gone when the page is read again
    await maybe.getByRole('button', { name: /^Not the same person/ }).click();
    await expect(maybe).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('contact-detail')).toBeVisible();
    await expect(page.getByTestId('contact-detail').getByTestId('potential-duplicate')).toHaveCount(0);

    // The Sync log tells the pulls from the pushes
    await page.getByRole('link', { name: 'Sync log' }).click();
    await expect(page.locator('[data-testid="run-row"][data-kind="pull"]').first()).toContainText(/records? read/);
    // started with Pull now, and says so (it read "Pull Sync now")
    await expect(page.locator('[data-testid="run-row"][data-kind="pull"]').first()).toContainText('Pull now');
    await expect(page.locator('[data-testid="run-row"][data-kind="pull"]').first()).not.toContainText('Sync now');
    await expect(page.locator('[data-testid="run-row"][data-kind="push"]').first()).toBeVisible();
    a11y.push(...await axeInBothSchemes(page, 'sync-log-pulls'));

    expect(a11y).toEqual([]);
  });

  test('a destination Ferry cannot read (Zapier) shows Push only, with why', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Zapier Sandbox/ }).click();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog).toHaveCount(0);
    const guide = page.getByRole('button', { name: 'Close the guide' });
    if (await guide.isVisible()) await guide.click();
    const card = page.getByTestId('connection-card').filter({ has: page.getByRole('heading', { name: 'Zapier Sandbox' }) });
    await card.getByRole('button', { name: 'Mapping' }).click();
    const settings = page.getByTestId('direction-rules');
    await expect(settings.getByTestId('direction-push-only')).toContainText('Ferry cannot read contacts from Zapier');
    await expect(settings.getByRole('radio')).toHaveCount(0);
  });
});
