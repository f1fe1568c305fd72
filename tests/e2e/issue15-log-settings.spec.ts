import fs from 'node:fs';
import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, test } from './fixtures';
import type { Page } from '@playwright/test';

async function go(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: link }).click();
}

test.describe('Sync log, banners and settings', () => {
  test('item 7: a run that failed as a whole is found by "Failed", opens in a detail view, is searchable and is in the CSV', async ({ page, ferry }) => {
    test.setTimeout(90_000);
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const c = page.getByTestId('connection-card');
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByTestId('pending')).toHaveText('0');
    // A 503 outage: every try of the run fails, no record outcome is written.
    const base = await sandboxUrl(page);
    await sandboxAdmin(base, 'POST', 'faults', { kind: 'status', status: 503, count: 50, pathPrefix: '/crm/v3/objects/contacts' });
    const { items } = await callFerry<{ items: { id: number }[] }>(page, 'listContacts', { limit: 1 });
    await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Outage Survivor' } });
    await c.getByRole('button', { name: 'Sync now' }).click();
    await expect(c.getByTestId('status-words')).toHaveText(/Not syncing/, { timeout: 60_000 });

    await go(page, 'Sync log');
    await page.getByLabel('Run result').selectOption('failed');
    const failed = page.getByTestId('run-row');
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText('HTTP 503');
    await page.getByLabel('Record outcome').selectOption('failed');
    await expect(page.getByText(/1 run above failed as a whole/)).toBeVisible();

    await failed.getByRole('button', { name: /Details/ }).click();
    const detail = page.getByRole('dialog');
    await expect(page).toHaveURL(/#\/log\/runs\/\d+$/);
    await expect(detail.getByTestId('run-problem')).toContainText('HTTP 503');
    await expect(detail.getByTestId('run-crm-error')).toBeVisible();
    await expect(detail).toContainText('No record was sent in this run');
    await page.reload();
    await expect(page.getByRole('dialog').getByTestId('run-problem')).toContainText('HTTP 503');
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/#\/log$/);

    await page.getByLabel('Run result').selectOption('all');
    await page.getByLabel('Record outcome').selectOption('all');
    await page.getByLabel('Search the log').fill('503');
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync(await (await download).path(), 'utf8');
    expect(csv).toContain('type,time,connection,run,result');
    expect(csv).toMatch(/run,[^\n]*,HubSpot Sandbox,\d+,failed,[^\n]*HTTP 503/);
  });

  test('item 7: runs page through the whole history', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const { items } = await callFerry<{ items: { id: number }[] }>(page, 'listContacts', { limit: 1 });
    for (let i = 0; i < 27; i++) {
      await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: `Version ${i}` } });
      await callFerry(page, 'syncNow', { connectionId: 1 });
    }
    await go(page, 'Sync log');
    await expect(page.getByTestId('run-row')).toHaveCount(25);
    const pager = page.getByRole('navigation', { name: 'Run pages' });
    await expect(pager).toContainText('1–25 of 27');
    await pager.getByRole('button', { name: 'Older' }).click();
    await expect(page.getByTestId('run-row')).toHaveCount(2);
  });

  test('item 2: banners follow the live status and collapse into one line', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'automatic');
    const c = page.getByTestId('connection-card');
    await expect(c.getByTestId('synced-total')).toHaveText('50', { timeout: 15_000 });
    const base = await sandboxUrl(page);
    await sandboxAdmin(base, 'POST', 'tokens/expire', { token: ferry.sandboxToken });
    const { items } = await callFerry<{ items: { id: number }[] }>(page, 'listContacts', { limit: 1 });
    await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Signed out' } });
    await go(page, 'Contacts');
    const banner = page.getByTestId('notification');
    await expect(banner).toContainText('needs you to sign in again', { timeout: 15_000 });

    // A second problem: one collapsed line, not two stacked banners.
    await page.getByRole('navigation').getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: /Zapier Sandbox/ }).click();
    await page.getByRole('dialog').getByLabel('Sync mode').selectOption('automatic');
    await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
    const zap = page.getByTestId('connection-card').filter({ hasText: 'Zapier Sandbox' });
    await expect(zap.getByTestId('synced-total')).toHaveText('50', { timeout: 15_000 });
    const hook = (await callFerry<{ kind: string; config: { baseUrl?: string } }[]>(page, 'listConnections')).find((x) => x.kind === 'zapier')!.config.baseUrl!;
    await sandboxAdmin(new URL(hook).origin, 'PUT', 'fail-mode', { status: 410 });
    await callFerry(page, 'updateContact', { id: items[0]!.id, patch: { title: 'Two problems' } });
    await go(page, 'Contacts');
    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('2 problems need attention', { timeout: 15_000 });

    // HubSpot recovers and the Zapier connection goes: no banner is left, without a reload.
    await sandboxAdmin(base, 'POST', 'tokens', { token: ferry.sandboxToken });
    await callFerry(page, 'reconnect', { connectionId: 1 });
    await callFerry(page, 'disconnect', { connectionId: 2 });
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
  });

  test('item 8: the phone region is a searchable country list; "germany" is Germany (DE), never Georgia', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await go(page, 'Settings');
    const region = page.getByRole('combobox', { name: 'Default phone region' });
    await region.fill('germany');
    await expect(page.getByRole('option', { name: /^Germany \(DE, \+49\)/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Saved: Germany (DE, +49)')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Default phone region' })).toHaveValue('Germany (DE, +49)');
    await page.getByRole('combobox', { name: 'Default phone region' }).fill('zzzz');
    await expect(page.getByText('No country matches “zzzz”.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('combobox', { name: 'Default phone region' })).toHaveValue('Germany (DE, +49)');
  });

  test('item 9: the export says what is in the file and what is left out; the import says what would change first', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    await go(page, 'Settings');
    await page.getByRole('button', { name: 'Export configuration…' }).click();
    const exportPreview = page.getByRole('dialog').getByTestId('config-export-preview');
    await expect(exportPreview).toContainText('HubSpot Sandbox: a sandbox runs on this computer only, so it is not shared');
    await expect(exportPreview).toContainText('Tokens, hook URLs, secrets and passwords: never in a configuration file');
    const download = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: 'Save file' }).click();
    await download;

    const file = JSON.stringify({ format: 'ferry-config', version: 1, exportedAt: new Date().toISOString(), settings: { defaultPhoneRegion: 'DE' },
      connections: [{ kind: 'salesforce', label: 'Salesforce', mode: 'automatic', intervalMinutes: null, config: {}, mapping: {} }] });
    await page.getByLabel('Import configuration…').setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const importPreview = page.getByRole('dialog').getByTestId('config-import-preview');
    await expect(importPreview).toContainText('Salesforce: not connected here yet');
    await expect(importPreview).toContainText('Default phone region: United States (US) → Germany (DE).');
    await expect(importPreview).toContainText('Nothing has been changed yet');
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('Not applied to Salesforce: not connected here yet.')).toBeVisible();
    await expect(page.locator('main')).not.toContainText('salesforce');
  });
});
