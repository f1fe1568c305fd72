import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callFerry, connectHubSpotSandbox, expect, sandboxAdmin, sandboxUrl, shot, startFerry, test } from './fixtures';

/**
 * Filters and Test sync in the app, against the HubSpot sandbox: a filter that
 * keeps a tag out changes the count, the preview and what a sync sends; a test
 * sync shows what HubSpot holds, read back (a transformed title comes back
 * transformed). axe finds nothing serious on either dialog.
 */

interface DemoContact { id: number; title: string; tags: string[]; emails: { value: string }[] }
interface SandboxContacts { results: { id: string; properties: Record<string, string | null | undefined> }[] }

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const previewCreates = async (page: Page): Promise<string> => {
  const card = page.getByTestId('connection-card');
  await card.getByRole('button', { name: 'Preview next sync' }).click();
  const summary = page.getByRole('dialog').getByTestId('dry-run-summary');
  await expect(summary).toBeVisible();
  const text = await summary.locator('strong').first().innerText();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
  return text;
};

test.describe('Filters and Test sync', () => {
  test('a filter that keeps a tag out changes the count, the preview and the sync; Test sync shows what HubSpot holds, transformed', async ({ page, ferry }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const demo = (await callFerry<{ items: DemoContact[] }>(page, 'listContacts', { limit: 500 })).items;
    // the demo's most common tag: the filter keeps its contacts out
    const counts = new Map<string, number>();
    for (const c of demo) for (const t of c.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    const [tag] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const kept = demo.filter((c) => !c.tags.includes(tag));
    const keptOut = demo.filter((c) => c.tags.includes(tag));
    expect(keptOut.length).toBeGreaterThan(0);

    expect(await previewCreates(page)).toBe(String(demo.length));

    // Mapping: the job title goes to HubSpot in UPPER CASE
    await page.getByTestId('connection-card').getByRole('button', { name: 'Mapping' }).click();
    await expect(page.getByRole('heading', { name: 'HubSpot field mapping' })).toBeVisible();
    const titleRow = page.getByTestId('mapping-grid').locator('tr[data-field="title"]');
    await titleRow.getByRole('combobox', { name: 'Transform for title' }).selectOption('upper');
    await expect(titleRow.getByRole('combobox', { name: 'Transform for title' })).toHaveValue('upper');

    // Filters: everyone at first, then never the tag
    const filters = page.locator('[data-slot="filters"]');
    await expect(filters.getByTestId('filter-summary')).toHaveText('Every contact is sent to HubSpot.');
    await expect(filters.getByTestId('filter-matching')).toContainText(`${demo.length} of ${demo.length} contacts match now`);
    await filters.getByRole('button', { name: 'Edit filters' }).click();
    const dialog = page.getByRole('dialog', { name: 'Which contacts go to HubSpot' });
    await expect(dialog.getByTestId('filter-count')).toHaveText(`${demo.length} of ${demo.length} contacts match now.`);
    await dialog.getByLabel('Never contacts with any of these tags').fill(tag);
    await expect(dialog.getByTestId('filter-count')).toHaveText(`${kept.length} of ${demo.length} contacts match now.`);
    await expect(dialog).toContainText('kept in HubSpot, no longer sent; the Sync log says why');
    // a condition without its value is refused before anything is sent
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    await expect(dialog.getByTestId('filter-problem')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Save filter' })).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Remove condition 1' }).click();
    await expect(dialog.getByTestId('filter-count')).toHaveText(`${kept.length} of ${demo.length} contacts match now.`);
    await page.screenshot({ path: shot('filters-dialog') });
    await dialog.getByRole('button', { name: 'Save filter' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(filters.getByTestId('filter-summary')).toHaveText(`HubSpot gets contacts not tagged “${tag}”.`);
    await expect(filters.getByTestId('filter-matching')).toContainText(`${kept.length} of ${demo.length} contacts match now; ${kept.length} changes wait to be sent`);
    await filters.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('filters-section') });
    const connectionId = Number(/#\/mapping\/(\d+)$/.exec(page.url())?.[1]);
    const stored = await callFerry<{ filter: { excludeTags?: string[] } }>(page, 'getFilter', { connectionId });
    expect(stored.filter.excludeTags).toEqual([tag]);

    // Test sync: five contacts first, read back from HubSpot
    await page.getByRole('button', { name: 'Test sync' }).click();
    const test5 = page.getByRole('dialog', { name: 'Test sync to HubSpot' });
    await expect(test5.getByLabel('How many')).toHaveValue('5');
    expect(await seriousViolations(page)).toEqual([]);
    await test5.getByRole('button', { name: 'Send 5 contacts now' }).click();
    const report = test5.getByTestId('test-sync-report');
    await expect(report).toBeVisible();
    await expect(test5.getByTestId('test-sync-summary')).toContainText('5 records created');
    await expect(test5.getByTestId('test-sync-summary')).toContainText(`${kept.length - 5} more wait for the full sync`);
    const results = test5.getByTestId('test-sync-contact');
    await expect(results).toHaveCount(5);
    const held = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts') as SandboxContacts;
    expect(held.results).toHaveLength(5);
    for (let i = 0; i < 5; i++) {
      const row = results.nth(i).locator('tr[data-field="jobtitle"]');
      const crmValue = await row.getByTestId('crm-value').innerText();
      // what the screen says HubSpot holds is what the sandbox holds, and it is the transformed title
      const record = held.results.find((r) => r.properties.jobtitle === crmValue);
      expect(record, `HubSpot holds a contact with the title ${crmValue}`).toBeDefined();
      const contact = demo.find((c) => c.emails[0]?.value.toLowerCase() === record?.properties.email);
      expect(crmValue).toBe(contact?.title.toUpperCase());
      expect(contact?.tags).not.toContain(tag);
      await expect(row).toContainText('title');
      await expect(row).toContainText('Matches');
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: shot('test-sync-dialog') });
    await test5.getByRole('button', { name: 'Close' }).last().click();

    // the card's Test sync with a contact the admin ticks
    await page.getByRole('link', { name: 'Back to Integrations' }).click();
    const card = page.getByTestId('connection-card');
    await card.getByRole('button', { name: 'Test sync' }).click();
    const chosen = page.getByRole('dialog', { name: 'Test sync to HubSpot' });
    await chosen.getByLabel('Contacts I choose').check();
    const waiting = chosen.getByRole('list', { name: 'Contacts waiting to be sent' }).getByRole('checkbox');
    await expect(waiting).toHaveCount(kept.length - 5);
    const pickedName = (await waiting.first().locator('xpath=..').innerText()).replace(/ \(new\)$/, '');
    await waiting.first().check();
    await chosen.getByRole('button', { name: 'Send 1 contact now' }).click();
    await expect(chosen.getByTestId('test-sync-contact')).toHaveCount(1);
    await expect(chosen.getByTestId('test-sync-contact')).toContainText(pickedName);
    await expect(chosen.getByTestId('test-sync-summary')).toContainText(`1 record created`);
    await chosen.getByRole('button', { name: 'Close' }).last().click();

    // the full sync sends only the matching contacts
    expect(await previewCreates(page)).toBe(String(kept.length - 6));
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('pending')).toHaveText('0');
    const all = await sandboxAdmin(await sandboxUrl(page), 'GET', 'contacts') as SandboxContacts;
    expect(all.results).toHaveLength(kept.length);
    const sentEmails = new Set(all.results.map((r) => r.properties.email));
    for (const c of keptOut) expect(sentEmails.has(c.emails[0]?.value.toLowerCase())).toBe(false);
  });
});

/** A Ferry whose admin policy sets HubSpot's filter (FERRY_POLICY_FILE). */
const lockedTest = test.extend({
  // eslint-disable-next-line no-empty-pattern
  ferry: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-filter-policy-'));
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'ferry-policy', version: 1, connections: { hubspot: { filter: { tags: ['customer'] } } } }));
    const server = await startFerry({ FERRY_POLICY_FILE: file });
    await use(server);
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

lockedTest.describe('Filters set by the admin', () => {
  lockedTest('the Filters section shows the admin\'s filter, its count and a lock instead of Edit filters; main refuses a change with the same sentence', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await connectHubSpotSandbox(page, 'manual');
    const demo = (await callFerry<{ items: DemoContact[] }>(page, 'listContacts', { limit: 500 })).items;
    const customers = demo.filter((c) => c.tags.includes('customer')).length;
    await page.getByTestId('connection-card').getByRole('button', { name: 'Mapping' }).click();
    const filters = page.locator('[data-slot="filters"]');
    await expect(filters.getByTestId('filter-summary')).toHaveText('HubSpot gets contacts tagged “customer”.');
    await expect(filters.getByTestId('filter-matching')).toContainText(`${customers} of ${demo.length} contacts match now`);
    await expect(filters.getByRole('note', { name: 'What Ferry sends to HubSpot is set by your admin.' })).toContainText('What is sent · set by your admin');
    await expect(filters.getByRole('button', { name: 'Edit filters' })).toHaveCount(0);
    const connectionId = Number(/#\/mapping\/(\d+)$/.exec(page.url())?.[1]);
    await expect(callFerry(page, 'setFilter', { connectionId, filter: {} })).rejects.toThrow('What Ferry sends to HubSpot is set by your admin.');
  });
});
