import { expect, test, type WebSocket as PageSocket } from '@playwright/test';
import { CHANNEL_NAMES } from '../../preload/channel-names';

const url = (): string => {
  const value = process.env.FERRY_E2E_URL;
  if (!value) throw new Error('FERRY_E2E_URL is not set; run through tests/e2e/playwright.config.ts');
  return value;
};

interface Frame { id?: unknown; channel?: unknown; result?: { ok?: unknown }; event?: unknown }
const parse = (payload: string | Buffer): Frame => JSON.parse(String(payload)) as Frame;

/**
 * Independent of what the screens show: it watches the page's own bridge
 * socket, so it keeps proving the transport as the UI grows.
 */
test('the web mode serves Ferry and the page talks to it through the bridge', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const sent: Frame[] = [];
  const received: Frame[] = [];
  const bridgeSocket = new Promise<PageSocket>((resolve) => page.on('websocket', (ws) => {
    ws.on('framesent', (f) => sent.push(parse(f.payload)));
    ws.on('framereceived', (f) => received.push(parse(f.payload)));
    resolve(ws);
  }));

  await page.goto(url());
  const ws = await bridgeSocket;
  expect(new URL(ws.url()).pathname).toBe('/ws');
  // The launch token was traded for an HttpOnly cookie: not in the socket's URL, the address bar or the page's reach.
  expect(new URL(ws.url()).searchParams.get('token')).toBeNull();

  // The page's first call went out with a contract channel and came back ok.
  await expect.poll(() => received.some((f) => f.result?.ok === true)).toBe(true);
  const answered = received.find((f) => f.result?.ok === true);
  const request = sent.find((f) => f.id === answered?.id);
  expect(CHANNEL_NAMES).toContain(request?.channel);

  // One explicit call from the page, then the pushed event reaches the bridge's socket too.
  const created = await page.evaluate(async () => {
    const socket = new WebSocket(`ws://${location.host}/ws`);
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    const reply = new Promise<string>((resolve) => socket.addEventListener('message', (e) => {
      if ((JSON.parse(String(e.data)) as { id?: unknown }).id === 1) resolve(String(e.data));
    }));
    socket.send(JSON.stringify({ id: 1, channel: 'listContacts', input: { limit: 1 } }));
    const listed = JSON.parse(await reply) as { result: { ok: boolean; value: { total: number } } };
    socket.close();
    return listed.result;
  });
  // the first run seeded the demo card
  expect(created).toMatchObject({ ok: true, value: { total: 50 } });
  expect(problems).toEqual([]);
});

test('the page is refused without the token, and with a wrong one', async ({ page }) => {
  const bare = new URL(url());
  bare.search = '';
  expect((await page.goto(bare.toString()))?.status()).toBe(401);
  bare.searchParams.set('token', 'wrong');
  expect((await page.goto(bare.toString()))?.status()).toBe(403);
});

test('the launch token leaves the address bar: it is traded for an HttpOnly, SameSite=Strict cookie on first load', async ({ page, context }) => {
  const token = new URL(url()).searchParams.get('token')!;
  const first = await page.goto(url());
  expect(first?.status()).toBe(200);
  expect(page.url()).toBe(`${new URL(url()).origin}/`);
  expect(page.url()).not.toContain(token);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  // the tokened address is not a history entry: one step back is the blank tab the test started with
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(cookie?.value).not.toBe(token);
  // Reloading the clean address works on the cookie alone.
  expect((await page.reload())?.status()).toBe(200);
  await expect(page.getByRole('navigation')).toBeVisible();
});

test('the strict CSP is in force: no inline script, no connection beyond the page\'s own origin', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
  });
  await page.goto(url());
  await expect(page.getByRole('navigation')).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    let fetched = 'sent';
    try { await fetch('http://127.0.0.1:9/steal'); } catch { fetched = 'blocked'; }
    const other = new WebSocket('ws://127.0.0.1:9/');
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { inline: (window as unknown as { inlineRan?: boolean }).inlineRan === true, fetched, violations: (window as unknown as { violations: string[] }).violations };
  });
  expect(outcome.inline).toBe(false);
  expect(outcome.fetched).toBe('blocked');
  expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
});
