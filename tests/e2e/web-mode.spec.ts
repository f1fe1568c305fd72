import { expect, test } from '@playwright/test';

const url = (): string => {
  const value = process.env.FERRY_E2E_URL;
  if (!value) throw new Error('FERRY_E2E_URL is not set; run through tests/e2e/playwright.config.ts');
  return value;
};

test('the web mode serves Ferry and answers a call through the bridge', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(url());
  // listContacts went over the WebSocket: the first run seeded the demo card.
  await expect(page.getByTestId('contact-count')).toHaveText('50 contacts');

  // A second call from the page itself, through the same bridge module the screens use.
  const created = await page.evaluate(async () => {
    const ws = new WebSocket(`ws://${location.host}/ws?token=${new URL(location.href).searchParams.get('token')}`);
    await new Promise((resolve) => ws.addEventListener('open', resolve));
    // Events are pushed on the same socket: wait for the reply to this request's id.
    const reply = new Promise<string>((resolve) => ws.addEventListener('message', (e) => {
      if ((JSON.parse(String(e.data)) as { id?: unknown }).id === 1) resolve(String(e.data));
    }));
    ws.send(JSON.stringify({ id: 1, channel: 'createContact', input: { contact: { firstName: 'Browser', lastName: 'Test' } } }));
    return JSON.parse(await reply) as { result: { ok: boolean } };
  });
  expect(created.result.ok).toBe(true);
  // The contactChanged event reaches the page's own bridge, which refreshes the count.
  await expect(page.getByTestId('contact-count')).toHaveText('51 contacts');
  expect(problems).toEqual([]);
});

test('the page is refused without the token', async ({ page }) => {
  const bare = new URL(url());
  bare.search = '';
  const response = await page.goto(bare.toString());
  expect(response?.status()).toBe(401);
});
