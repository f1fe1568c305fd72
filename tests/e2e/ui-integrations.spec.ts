import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, shot, test } from './fixtures';

interface SandboxContacts { results: { id: string; properties: Record<string, string | null | undefined> }[] }
interface ContactPage { items: { id: number; company: string; firstName: string }[]; total: number }


test.describe('Integrations', () => {
  test('connect the HubSpot sandbox and Sync now: counts and the last-sync time appear', async ({ page, ferry }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ferry.url);
    await expect(page.getByText('No integrations yet')).toBeVisible();
    await connectHubSpotSandbox(page, 'manual');
    const card = page.getByTestId('connection-card');
    await expect(card.getByTestId('last-sync')).toHaveText('Not yet');
    await expect(card).toContainText('Not synced yet: 50 changes waiting');
    await expect(card.getByTestId('pending')).toHaveText('50');
    await card.getByRole('button', { name: 'Preview next sync' }).click();
    await expect(page.getByRole('dialog').getByTestId('dry-run-summary')).toContainText('create 50');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();

    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('synced-total')).toHaveText('50');
    await expect(card.getByTestId('synced-today')).toHaveText('50');
    await expect(card.getByTestId('pending')).toHaveText('0');
    await expect(card.getByTestId('last-sync')).not.toHaveText('Not yet');
    await expect(card.getByTestId('health-badge')).toHaveAttribute('data-health', 'healthy');
    await expect(card.getByTestId('last-run')).toContainText('50 records created');
    const inSandbox = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts') as SandboxContacts;
    expect(inSandbox.results).toHaveLength(50);

    await page.screenshot({ path: shot('integrations-after-sync') });

    // The preview of the next sync is empty now: nothing left to send.
    await card.getByRole('button', { name: 'Preview next sync' }).click();
    await expect(page.getByRole('dialog').getByText('Nothing to send')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Preview next sync' })).toBeFocused();
  });

  test('a run that creates, updates and deletes counts each apart: the card and the Sync log say "archived", never "updated", for a delete, and "set aside (same e-mail as another contact)", never "rejected", for a contact held for its e-mail', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const card = page.getByTestId('connection-card');
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('last-run')).toContainText('50 records created');

    const [hubspot] = await callFerry<{ id: number }[]>(page, 'listConnections');
    await callFerry(page, 'setDeletes', { connectionId: hubspot!.id, mode: 'archive' });
    const { items } = await callFerry<ContactPage>(page, 'listContacts', { limit: 2 });
    await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Head of Counting' } });
    await callFerry(page, 'deleteContact', { id: items[1]!.id });
    await callFerry(page, 'createContact', { contact: { firstName: 'Nora', lastName: 'Newcomer', emails: [{ value: 'nora@counts.example' }] } });
    // a second contact with Nora's e-mail: HubSpot matches on e-mail, so Ferry holds it before any call
    await callFerry(page, 'createContact', { contact: { firstName: 'Norah', lastName: 'Twin', emails: [{ value: 'nora@counts.example' }] } });
    await page.reload();
    await expect(card.getByTestId('pending')).toHaveText('4');

    await card.getByRole('button', { name: 'Sync now' }).click();
    const lastRun = card.getByTestId('last-run');
    const counts = '1 record created, 1 record updated, 1 record archived, 1 record set aside (same e-mail as another contact)';
    await expect(lastRun).toContainText(counts);
    await expect(lastRun).not.toContainText('not sent');
    // the card's status says the same, never "rejected"
    await expect(card.getByTestId('status-words')).toContainText('1 contact set aside (same e-mail as another contact)');
    await expect(card.getByTestId('status-words')).not.toContainText('rejected');
    const inSandbox = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts') as SandboxContacts;
    expect(inSandbox.results).toHaveLength(50);

    await page.getByRole('navigation').getByRole('link', { name: 'Sync log' }).click();
    const run = page.getByTestId('run-row').first();
    await expect(run).toContainText(counts);
    await expect(run).toContainText('1 contact set aside (same e-mail as another contact): HubSpot matches contacts by e-mail');
    await expect(run).not.toContainText('rejected');
    await run.getByRole('button', { name: /Details/ }).click();
    const detail = page.getByTestId('run-detail');
    await expect(detail).toContainText(counts);
    const held = detail.locator('[data-testid="event-row"][data-outcome="held"]');
    await expect(held).toContainText('Set aside (same e-mail as another contact)');
    await expect(held).toContainText('Norah Twin');
    // the deleted contact's record is in the run, as archived
    const archived = detail.locator('[data-testid="event-row"][data-outcome="deleted"]');
    await expect(archived).toContainText('Archived');
    await expect(archived).toContainText('Deleted in Ferry, archived in HubSpot.');
    await page.keyboard.press('Escape');

    // the outcome filter names it the same way, apart from what a CRM refused
    await page.getByLabel('Record outcome').selectOption({ label: 'Set aside (same e-mail as another contact)' });
    await expect(page.getByTestId('event-row')).toHaveCount(1);
    await expect(page.getByTestId('event-row')).toContainText('Norah Twin');
    await page.getByLabel('Record outcome').selectOption({ label: 'Set aside (rejected)' });
    await expect(page.getByTestId('event-row')).toHaveCount(0);

    // the card's "Show the record" opens it in the log, whatever set it aside
    await page.getByRole('navigation').getByRole('link', { name: 'Integrations' }).click();
    await card.getByRole('button', { name: 'Show the record' }).click();
    await expect(page.getByLabel('Record outcome')).toHaveValue('set_aside');
    await expect(page.getByTestId('event-row')).toHaveCount(1);
    await expect(page.getByTestId('event-row')).toContainText('Norah Twin');
  });

  test('Automatic mode: an edited contact reaches the sandbox within seconds and the log shows old → new', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'automatic');
    const card = page.getByTestId('connection-card');
    await expect(card.getByTestId('synced-total')).toHaveText('50', { timeout: 15_000 });

    await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
    const row = page.getByTestId('contact-row').first();
    await row.click();
    const detail = page.getByTestId('contact-detail');
    await expect(detail).toBeVisible();
    const name = (await detail.getByRole('heading', { level: 2 }).textContent()) ?? '';
    await detail.getByRole('button', { name: 'Edit' }).click();
    const company = page.getByLabel('Company');
    const oldCompany = await company.inputValue();
    await company.fill('Ferry Test Harbour Ltd');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(detail.getByText('Ferry Test Harbour Ltd')).toBeVisible();

    const base = await sandboxUrl(page);
    await expect.poll(async () => {
      const all = await sandboxAdmin(base, 'GET', 'contacts') as SandboxContacts;
      return all.results.some((c) => c.properties.company === 'Ferry Test Harbour Ltd');
    }, { timeout: 10_000 }).toBe(true);
    await expect(detail.getByTestId('contact-sync-status')).toContainText('Synced');

    await page.getByRole('navigation').getByRole('link', { name: 'Sync log' }).click();
    const updated = page.locator('[data-testid="event-row"][data-outcome="updated"]').first();
    await expect(updated).toContainText(name);
    await expect(updated).toContainText(`company: ${oldCompany} → Ferry Test Harbour Ltd`);
    await expect(page.getByTestId('daily-chart')).toBeVisible();
    await page.screenshot({ path: shot('sync-log-old-new'), fullPage: true });
  });

  test('a 429 storm and an outage: the warning shows, then clears by itself', async ({ page, ferry }) => {
    test.setTimeout(90_000);
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'automatic');
    const card = page.getByTestId('connection-card');
    await expect(card.getByTestId('synced-total')).toHaveText('50', { timeout: 15_000 });
    const base = await sandboxUrl(page);

    await sandboxAdmin(base, 'POST', 'faults', { kind: 'status', status: 429, count: 3, pathPrefix: '/crm/v3/objects/contacts' });
    await sandboxAdmin(base, 'POST', 'faults', { kind: 'drop', phase: 'before', count: 4 });
    const { items } = await callFerry<ContactPage>(page, 'listContacts', { limit: 1 });
    await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Chief Storm Officer' } });

    const problem = card.getByTestId('problem');
    await expect(problem).toBeVisible({ timeout: 20_000 });
    await expect(problem).toContainText(/can't reach HubSpot|having trouble/);
    await page.screenshot({ path: shot('integrations-outage-warning') });

    await expect(problem).toHaveCount(0, { timeout: 60_000 });
    await expect(card.getByTestId('status-words')).toHaveText('Up to date');
    await expect(card.getByTestId('health-badge')).toHaveAttribute('data-health', 'healthy');
    const all = await sandboxAdmin(base, 'GET', 'contacts') as SandboxContacts;
    expect(all.results.filter((c) => c.properties.jobtitle === 'Chief Storm Officer')).toHaveLength(1);
  });

  test('an expired token: the needs-reauthorization banner, then Reconnect and the outbox drains', async ({ page, ferry }) => {
    test.setTimeout(60_000);
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'automatic');
    const card = page.getByTestId('connection-card');
    await expect(card.getByTestId('synced-total')).toHaveText('50', { timeout: 15_000 });
    const base = await sandboxUrl(page);

    await sandboxAdmin(base, 'POST', 'tokens/expire', { token: ferry.sandboxToken });
    const { items } = await callFerry<ContactPage>(page, 'listContacts', { limit: 2 });
    for (const c of items) await callFerry(page, 'updateContact', { id: c.id, patch: { company: 'Kept While Signed Out' } });

    const problem = card.getByTestId('problem');
    await expect(problem).toContainText('HubSpot needs you to sign in again', { timeout: 15_000 });
    await expect(card.getByTestId('health-badge')).toHaveAttribute('data-health', 'error');
    await expect(card.getByTestId('pending')).toHaveText('2');
    await expect(page.getByTestId('notification').first()).toContainText('sign in again');
    await page.screenshot({ path: shot('integrations-needs-reauth') });

    // The rep signs in again (the sandbox accepts the token once more), then presses Reconnect.
    await sandboxAdmin(base, 'POST', 'tokens', { token: ferry.sandboxToken });
    await problem.getByRole('button', { name: 'Reconnect HubSpot' }).click();
    await expect(card.getByTestId('pending')).toHaveText('0', { timeout: 15_000 });
    await expect(card.getByTestId('problem')).toHaveCount(0);
    const all = await sandboxAdmin(base, 'GET', 'contacts') as SandboxContacts;
    expect(all.results.filter((c) => c.properties.company === 'Kept While Signed Out')).toHaveLength(2);
  });
});
