import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callFerry, expect, sandboxAdmin, sandboxUrl, startFerry, test as base } from './fixtures';

/** A Ferry whose admin policy is the given JSON text (FERRY_POLICY_FILE). */
const test = base.extend<{ policyText: string }>({
  policyText: ['', { option: true }],
  ferry: async ({ policyText }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-policy-e2e-'));
    const file = path.join(dir, 'policy.json');
    // no text: no policy file at all (the location is empty, as on most laptops)
    if (policyText !== '') fs.writeFileSync(file, policyText);
    const server = await startFerry({ FERRY_POLICY_FILE: file });
    await use(server);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

const POLICY = JSON.stringify({
  format: 'ferry-policy',
  version: 1,
  destinations: ['hubspot', 'salesforce'],
  connections: { hubspot: { mode: 'automatic', allowDisconnect: false, mapping: { fields: { title: { target: 'jobtitle' } } }, filter: { tags: ['customer'] } } },
});

test.describe('an admin\'s policy in the app', () => {
  test.use({ policyText: POLICY });

  test('CRMs the admin does not allow are locked in Add integration; the locked mode and Disconnect show a lock and "set by your admin"', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    for (const barred of ['Zapier', 'Webhook']) {
      const tile = dialog.getByTestId(`pick-${barred.toLowerCase()}`);
      await expect(tile).toBeDisabled();
      await expect(tile).toContainText('Which CRMs Ferry may connect to is set by your admin.');
    }
    await expect(dialog.getByTestId('pick-salesforce')).toBeEnabled();

    await dialog.getByRole('button', { name: /HubSpot Sandbox/ }).click();
    // the admin set HubSpot's mode: the dialog shows it locked instead of asking
    await expect(dialog.getByTestId('locked-setting')).toContainText('set by your admin');
    await expect(dialog.locator('select')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    const card = page.getByTestId('connection-card');
    const lock = (sentence: string) => card.getByRole('note', { name: sentence });
    await expect(card.getByTestId('locked-setting')).toHaveCount(4);
    await expect(lock('The field mapping of HubSpot is set by your admin.')).toContainText('Field mapping · set by your admin');
    await expect(lock('What Ferry sends to HubSpot is set by your admin.')).toContainText('What is sent · set by your admin');
    await expect(lock('The sync mode of HubSpot is set by your admin.')).toContainText('Mode: Automatic · set by your admin');
    await expect(lock('Whether HubSpot may be disconnected is set by your admin.')).toContainText('Disconnect · set by your admin');
    await expect(card.getByTestId('mode-button')).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);

    // main refuses it too, whatever a page sends, with the same sentence
    const [c] = await callFerry<{ id: number }[]>(page, 'listConnections');
    await expect(callFerry(page, 'setMode', { connectionId: c!.id, mode: 'manual' })).rejects.toThrow('The sync mode of HubSpot is set by your admin.');
    await expect(callFerry(page, 'disconnect', { connectionId: c!.id })).rejects.toThrow('Whether HubSpot may be disconnected is set by your admin.');
  });
});

test.describe('an admin\'s policy that cannot be used', () => {
  test.use({ policyText: '{ "format": "ferry-policy", "version": 1, "destinations": ["hubspot"], ' });

  test('says why in a banner and locks every CRM, the sandboxes included (nothing is unlocked by accident)', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    const banner = page.getByTestId('policy-problem');
    await expect(banner).toContainText('Ferry cannot use your admin\'s policy');
    await expect(banner).toContainText('it is not valid JSON. Settings your admin manages stay locked until it is fixed.');
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const tiles = page.getByRole('dialog').locator('.kind-option');
    await expect(tiles.first()).toBeVisible();
    for (const tile of await tiles.all()) await expect(tile).toBeDisabled();
    await expect(callFerry(page, 'connect', { kind: 'hubspot', sandbox: true })).rejects.toThrow('Which CRMs Ferry may connect to is set by your admin.');
  });
});

test.describe('the daily allocation on the card', () => {
  test.use({ policyText: JSON.stringify({ format: 'ferry-policy', version: 1, allocationStopPercent: 90 }) });

  test('shows the org\'s numbers after a sync, that automatic syncs wait once the org is past 90 %, and the admin\'s headroom locked', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await callFerry(page, 'connect', { kind: 'salesforce', sandbox: true });
    await page.reload();
    const card = page.getByTestId('connection-card');
    await card.getByRole('button', { name: 'Sync now' }).click();
    const line = card.getByTestId('allocation-line');
    await expect(line).toContainText(/Your Salesforce org has used \d+ of its 100,000 daily API requests \(0 %\)\. Automatic and scheduled syncs stop at 90 %\./);

    // the org's other integrations used most of today's allocation
    await sandboxAdmin(await sandboxUrl(page, 'salesforce'), 'PUT', 'api-usage', { used: 95_000 });
    const [c] = await callFerry<{ id: number }[]>(page, 'listConnections');
    await callFerry(page, 'updateContact', { id: 1, patch: { title: 'Edited past the line' } });
    await callFerry(page, 'syncNow', { connectionId: c!.id });
    await page.reload();
    await expect(line).toContainText(/Your Salesforce org has used 95,\d{3} of its 100,000 daily API requests \(95 %\)\. Automatic and scheduled syncs wait \(they stop at 90 %\); Sync now still sends\./);
    // the admin set the headroom: it shows locked beside the numbers
    await expect(line.getByRole('note', { name: 'How much of the CRM\'s daily API allocation Ferry leaves free is set by your admin.' })).toContainText('Headroom 10 % · set by your admin');
  });
});
