import { connectHubSpotSandbox, expect, test } from './fixtures';

test.describe('Shell: routing, dark mode, layout, first-run guide', () => {
  test('the URL follows the screen, a reload stays there, and a deep link opens a contact', async ({ page, ferry }) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(ferry.url);
    await expect(page).toHaveURL(/#\/integrations$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Sync log' }).click();
    await expect(page).toHaveURL(/#\/log$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sync log' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync log' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Sync log' })).toHaveAttribute('aria-current', 'page');

    await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
    await page.getByTestId('contact-row').first().click();
    const name = (await page.getByTestId('contact-detail').getByRole('heading', { level: 2 }).textContent()) ?? '';
    await expect(page).toHaveURL(/#\/contacts\/\d+$/);
    await page.reload();
    await expect(page.getByTestId('contact-detail').getByRole('heading', { level: 2 })).toHaveText(name);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('dark mode follows the system', async ({ page, ferry }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(ferry.url);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(16, 21, 28)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(245, 246, 248)');
  });

  for (const width of [900, 1920]) {
    test(`every screen fits ${width} px wide without sideways scrolling, and cards stop growing`, async ({ page, ferry }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(ferry.url);
      await connectHubSpotSandbox(page);
      await page.getByTestId('connection-card').getByRole('button', { name: 'Sync now' }).click();
      await expect(page.getByTestId('connection-card').getByTestId('pending')).toHaveText('0');
      for (const screen of ['integrations', 'contacts', 'log', 'settings']) {
        await page.goto(`${ferry.url}#/${screen}`);
        await expect(page.locator('main h1')).toBeVisible();
        const overflow = await page.evaluate(() => {
          const main = document.querySelector('main')!;
          return [...main.querySelectorAll('.table-wrap, main')].map((el) => el.scrollWidth - el.clientWidth).filter((d) => d > 1).length;
        });
        expect(overflow, `${screen} scrolls sideways at ${width} px`).toBe(0);
      }
      await page.goto(`${ferry.url}#/integrations`);
      const cardWidth = await page.getByTestId('connection-card').evaluate((el) => el.getBoundingClientRect().width);
      expect(cardWidth).toBeLessThanOrEqual(1180);
    });
  }

  test('first run: the guide explains demo contacts, sandboxes and modes, and one click makes a first successful sync', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    const guide = page.getByTestId('onboarding-guide');
    await expect(guide).toContainText('50 contacts marked Demo are made-up people');
    await expect(guide).toContainText('A sandbox');
    await expect(guide).toContainText('Manual');
    await guide.getByRole('button', { name: 'Try it: connect the HubSpot sandbox and sync' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Your first sync: 50 contacts sent to the HubSpot Sandbox' })).toBeVisible();
    await expect(page.getByTestId('connection-card').getByTestId('status-words')).toHaveText('Up to date');
    await guide.getByRole('button', { name: 'Done' }).click();
    await expect(guide).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('connection-card')).toBeVisible();
    await expect(page.getByTestId('onboarding-guide')).toHaveCount(0);
  });
});
