import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callFerry, connectHubSpotSandbox, expect, test } from './fixtures';

/**
 * Every screen (and the dialogs a rep opens most), in light and dark mode:
 * axe-core finds no serious or critical violation. With
 * FERRY_UPDATE_SCREENSHOTS=1 the same pass refreshes the README's
 * screenshots in docs/screenshots/ at 900 and 1,440 px.
 */
const DOCS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const UPDATE = process.env.FERRY_UPDATE_SCREENSHOTS === '1';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

type Step = { name: string; open: (page: Page, url: string) => Promise<void> };

const SCREENS: Step[] = [
  { name: 'integrations', open: async (page, url) => { await page.goto(`${url}#/integrations`); await expect(page.getByTestId('connection-card')).toHaveCount(1); } },
  { name: 'add-integration', open: async (page, url) => { await page.goto(`${url}#/integrations`); await page.getByRole('button', { name: 'Add integration' }).click(); await expect(page.getByRole('dialog')).toBeVisible(); } },
  { name: 'preview', open: async (page, url) => { await page.goto(`${url}#/integrations`); await page.getByRole('button', { name: 'Preview next sync' }).click(); await expect(page.getByRole('dialog').getByTestId('dry-run-summary')).toBeVisible(); } },
  {
    name: 'contacts',
    open: async (page, url) => {
      await page.goto(`${url}#/contacts`);
      await page.getByTestId('contact-row').nth(2).click();
      await expect(page.getByTestId('contact-detail')).toBeVisible();
      await page.getByRole('listbox').focus();
      await page.keyboard.press('Space');
    },
  },
  { name: 'contact-form', open: async (page, url) => { await page.goto(`${url}#/contacts`); await page.getByRole('button', { name: 'New contact' }).click(); await expect(page.getByLabel('First name')).toBeVisible(); } },
  { name: 'sync-log', open: async (page, url) => { await page.goto(`${url}#/log`); await expect(page.getByTestId('run-row').first()).toBeVisible(); await expect(page.getByTestId('daily-chart')).toBeVisible(); } },
  { name: 'run-detail', open: async (page, url) => { await page.goto(`${url}#/log`); await page.getByTestId('run-row').first().getByRole('button', { name: /Details/ }).click(); await expect(page.getByTestId('run-detail')).toBeVisible(); } },
  { name: 'settings', open: async (page, url) => { await page.goto(`${url}#/settings`); await expect(page.getByRole('combobox', { name: 'Default phone region' })).toBeVisible(); } },
];

test('every screen passes axe with no serious or critical violation, in light and dark mode', async ({ page, ferry }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(ferry.url);
  await connectHubSpotSandbox(page, 'manual');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('pending')).toHaveText('0');
  // Something to see everywhere: a change waiting, a rejected record, a problem in the log.
  await callFerry(page, 'createContact', { contact: { firstName: 'Rejected', lastName: 'Example', emails: [{ value: 'not-an-address@' }] } });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('status-words')).toHaveText(/rejected/);
  const { items } = await callFerry<{ items: { id: number }[] }>(page, 'listContacts', { limit: 3 });
  for (const c of items) await callFerry(page, 'updateContact', { id: c.id, patch: { title: 'Head of Partnerships' } });
  await page.getByRole('button', { name: 'Close the guide' }).click();

  const failures: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const screen of SCREENS) {
      for (const width of UPDATE ? [900, 1440] : [1440]) {
        await page.setViewportSize({ width, height: 900 });
        await screen.open(page, ferry.url);
        if (width === 1440) failures.push(...(await seriousViolations(page)).map((v) => `${screen.name}/${scheme}: ${v}`));
        if (UPDATE) {
          fs.mkdirSync(DOCS, { recursive: true });
          await page.screenshot({ path: path.join(DOCS, `${screen.name}-${scheme}-${width}.png`) });
        }
        await page.keyboard.press('Escape');
      }
    }
  }
  expect(failures).toEqual([]);
});
