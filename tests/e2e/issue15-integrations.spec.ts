import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, test } from './fixtures';
import type { Page } from '@playwright/test';

interface ContactPage { items: { id: number }[]; total: number }

async function connectSandbox(page: Page, name: string, mode: 'manual' | 'automatic' | 'scheduled' = 'manual', every?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add integration' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: new RegExp(name) }).click();
  await dialog.getByLabel('Sync mode').selectOption(mode);
  if (every) await dialog.getByLabel('Every (minutes)').fill(every);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);
}

const card = (page: Page, label: string) => page.getByTestId('connection-card').filter({ has: page.getByRole('heading', { name: label }) });

test.describe('Integrations tell the truth', () => {
  test('item 4: the status line, the overall line and the tiles agree with what happened', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const c = card(page, 'HubSpot Sandbox');
    // Before anything was sent: no "healthy, reaching destinations".
    await expect(page.getByTestId('overall-summary')).toHaveText('50 changes waiting to be sent. Press Sync now on HubSpot Sandbox to send them.');
    await expect(c.getByTestId('status-words')).toHaveText('50 changes wait for Sync now');
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByTestId('status-words')).toHaveText('Up to date');
    await expect(page.getByTestId('overall-summary')).toHaveText('Up to date: every change has reached its destination.');
    await expect(c.getByTestId('last-run')).toContainText('50 records created');
    await expect(c.getByTestId('last-run')).not.toContainText(/\b1 API calls\b/);

    // A record HubSpot rejects: never "Up to date" beside it.
    await callFerry(page, 'createContact', { contact: { firstName: 'Bad', lastName: 'Address', emails: [{ value: 'bob@' }] } });
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByTestId('status-words')).toHaveText('1 record rejected; everything else is up to date');
    await expect(page.getByTestId('overall-summary')).toHaveText('HubSpot Sandbox needs attention — see below for what to do.');
    await expect(c.getByTestId('errors-today')).toHaveText('1');

    // An outage: "Not syncing" and the problems tile counts the failed run.
    const base = await sandboxUrl(page);
    await sandboxAdmin(base, 'POST', 'tokens/expire', { token: ferry.sandboxToken });
    await callFerry(page, 'createContact', { contact: { firstName: 'Late', lastName: 'Arrival', emails: [{ value: 'late@example.com' }] } });
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByTestId('status-words')).toHaveText('Needs you to sign in again; 1 change kept');
    await expect(c.getByTestId('errors-today')).not.toHaveText('0');
    await expect(c.getByTestId('problem')).not.toContainText('renew it');
  });

  test('item 4: a connect that cannot reach the CRM says nothing was saved', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Salesforce Contacts or Leads/ }).click();
    await dialog.getByLabel('Instance address').fill('https://ferry-e2e-offline.my.salesforce.com');
    await dialog.getByLabel('Access token').fill('00D-not-a-real-token');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    const error = dialog.getByTestId('error-banner');
    await expect(error).toContainText('Nothing was saved');
    await expect(error).not.toContainText('will try again');
    await expect(error).not.toContainText('FERRY_HUBSPOT_TOKEN');
  });

  test('item 5: Back forgets the secret, and focus stays in the dialog after a failed Connect', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^HubSpot Contacts/ }).click();
    await dialog.getByLabel('Service key or private app token').fill('pat-na1-secret-typed-for-hubspot');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByRole('button', { name: /^Salesforce Contacts or Leads/ }).click();
    await expect(dialog.getByLabel('Access token')).toHaveValue('');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByRole('button', { name: /^HubSpot Contacts/ }).click();
    await expect(dialog.getByLabel('Service key or private app token')).toHaveValue('');
    await dialog.getByRole('button', { name: 'Back' }).click();

    await dialog.getByRole('button', { name: /^Salesforce Contacts or Leads/ }).click();
    await dialog.getByLabel('Instance address').fill('https://ferry-e2e-offline.my.salesforce.com');
    await dialog.getByLabel('Access token').fill('00D-not-a-real-token');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog.getByTestId('error-banner')).toBeFocused();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('item 6: a Zapier hook that no longer exists is not "retrying", and Reconnect does not call it healthy', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectSandbox(page, 'Zapier Sandbox');
    const c = card(page, 'Zapier Sandbox');
    await c.getByRole('button', { name: 'Sync now' }).click();
    // 50 events paced under the webhook's rate: about 5 s of pacing, not of machine speed
    await expect(c.getByTestId('last-run')).toContainText('50 changes delivered', { timeout: 30_000 });
    await expect(c.getByTestId('last-run')).not.toContainText('created');
    const hook = (await callFerry<{ kind: string; config: { baseUrl?: string } }[]>(page, 'listConnections')).find((x) => x.kind === 'zapier')!.config.baseUrl!;
    const origin = new URL(hook).origin;
    // A Catch Hook whose Zap was deleted can answer 410 Gone: every request gets it from now on.
    await sandboxAdmin(origin, 'PUT', 'fail-mode', { status: 410 });
    const { items } = await callFerry<ContactPage>(page, 'listContacts', { limit: 1 });
    await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Moved Zap' } });
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByTestId('status-words')).toHaveText('Not syncing; 1 change kept');
    await expect(c.getByTestId('problem')).toContainText('no longer exists');
    await expect(c).not.toContainText(/keeps retrying/i);

    await c.getByTestId('problem').getByRole('button', { name: 'Reconnect Zapier' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reconnect' }).click();
    await expect(page.getByRole('dialog').getByTestId('error-banner')).toContainText('no longer exists');
    await page.keyboard.press('Escape');
    await expect(c.getByTestId('health-badge')).not.toHaveAttribute('data-health', 'healthy');

    await sandboxAdmin(origin, 'PUT', 'fail-mode', null);
    await c.getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Test event delivered to your Zap' })).toBeVisible();
    await c.getByRole('button', { name: 'Reconnect', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reconnect' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(c.getByTestId('health-badge')).toHaveAttribute('data-health', 'healthy');
  });

  test('item 10: during a large sync the tiles move with the bar, and Cancel stops after the batch in flight with nothing lost', async ({ page, ferry }) => {
    test.setTimeout(120_000);
    await page.goto(ferry.url);
    // More than two of HubSpot's pushes (2,000 contacts each), so the tiles have something to show mid-run.
    const rows = ['First Name,Last Name,Email,Company', ...Array.from({ length: 4450 }, (_, i) => `Bulk${i},Person${i},bulk${i}@example.com,Bulk Co`)].join('\n');
    await callFerry(page, 'importContacts', { fileName: 'bulk.csv', content: { encoding: 'text', data: rows }, skipInvalid: true });
    await connectHubSpotSandbox(page, 'manual');
    const c = card(page, 'HubSpot Sandbox');
    await expect(c.getByTestId('pending')).toHaveText('4,500');
    // Each batch takes a while, so the run is surely still going when Cancel is pressed.
    await sandboxAdmin(await sandboxUrl(page), 'POST', 'faults', { kind: 'latency', ms: 150, count: 1000, pathPrefix: '/crm/v3/objects/contacts/batch' });
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByRole('progressbar')).toBeVisible();
    // Live tiles: records counted while the bar still shows.
    await expect(c.getByTestId('synced-total')).not.toHaveText('0', { timeout: 60_000 });
    await expect(c.getByRole('progressbar')).toBeVisible();
    await c.getByRole('button', { name: 'Cancel sync' }).click();
    await expect(c.getByTestId('last-run')).toContainText('Cancelled.', { timeout: 30_000 });
    // the card settles on what the run saved (the tiles follow the run's last answers): sent + waiting = all
    const tile = async (id: string): Promise<number> => Number((await c.getByTestId(id).textContent())!.replace(/,/g, ''));
    await expect.poll(async () => (await tile('synced-total')) + (await tile('pending')), { timeout: 15_000 }).toBe(4500);
    const synced = await tile('synced-total');
    expect(synced).toBeGreaterThan(0);
    expect(synced).toBeLessThan(4500);
    const inSandbox = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts?limit=5000') as { results: unknown[] };
    expect(inSandbox.results.length).toBe(synced);
  });

  test('missing: Sync all now, next scheduled sync, relative times with the exact time on hover', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    await connectSandbox(page, 'Zapier Sandbox', 'scheduled', '30');
    await page.getByRole('button', { name: 'Sync all now' }).click();
    // The scheduled Zapier connection may already have sent on its first tick; Sync all sends whatever waits anywhere.
    await expect(page.getByTestId('toast').filter({ hasText: /^Sent (50|100) changes\./ })).toBeVisible();
    await expect(card(page, 'HubSpot Sandbox').getByTestId('status-words')).toHaveText('Up to date');
    const z = card(page, 'Zapier Sandbox');
    await expect(z.getByTestId('status-words')).toHaveText('Everything delivered');
    // each install starts its schedule at its own offset inside the interval (no thundering herd): within 30 minutes
    await expect(z.getByTestId('next-sync')).toContainText(/Next scheduled sync in \d+ minutes?/);
    const minutes = Number(/in (\d+) minute/.exec((await z.getByTestId('next-sync').textContent()) ?? '')?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(30);
    const last = card(page, 'HubSpot Sandbox').getByTestId('last-sync').locator('time');
    await expect(last).toHaveText('just now');
    await expect(last).toHaveAttribute('title', /\d{4}.*\d{1,2}:\d{2}|\d{1,2}:\d{2}.*\d{4}/);
  });

  test('missing: a secret generator for a real webhook, a webhook sandbox and Send test event', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Webhook Each new/ }).click();
    await dialog.getByRole('button', { name: 'Generate a secret' }).click();
    const secret = await dialog.getByTestId('generated-secret').textContent();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(dialog.getByLabel('Signing secret')).toHaveValue(secret!);
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByRole('button', { name: /^Webhook Sandbox/ }).click();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog).toHaveCount(0);

    const c = card(page, 'Webhook Sandbox');
    await c.getByRole('button', { name: 'Send test event' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Test event delivered to your webhook. No contact was sent.' })).toBeVisible();
    await c.getByRole('button', { name: 'Sync now' }).click();
    // 50 events paced under the webhook's rate: about 5 s of pacing, not of machine speed
    await expect(c.getByTestId('last-run')).toContainText('50 changes delivered', { timeout: 30_000 });
  });

  test('polish: the preview pages 20 contacts at a time', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    await card(page, 'HubSpot Sandbox').getByRole('button', { name: 'Preview next sync' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('table')).toHaveCount(20);
    await expect(dialog.getByRole('navigation', { name: 'Preview pages' }).first()).toContainText('1–20 of 50');
    await dialog.getByRole('button', { name: 'Next' }).first().click();
    await expect(dialog.getByRole('navigation', { name: 'Preview pages' }).first()).toContainText('21–40 of 50');
  });
});
