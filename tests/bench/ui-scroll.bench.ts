/**
 * Frame times while scrolling 100,000 contacts in the Contacts screen.
 * Seeds a temp data folder, starts the web mode (tests/e2e/serve-web.mjs with
 * FERRY_SEED), opens Chromium, scrolls the virtualized list for a few seconds
 * at a steady speed and measures requestAnimationFrame intervals in the page.
 * Prints p50 / p95 / max frame time and the frames over 1.5× a 60 Hz budget.
 *
 *   npx tsx tests/bench/ui-scroll.bench.ts [--count 100000] [--seconds 5]
 */
import { chromium } from '@playwright/test';
import { startFerry } from '../e2e/fixtures';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const COUNT = arg('count', 100_000);
const SECONDS = arg('seconds', 5);
const BUDGET_MS = 1000 / 60;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const seedStart = Date.now();
  const ferry = await startFerry({ FERRY_SEED: String(COUNT) });
  process.stdout.write(`seeded ${COUNT} contacts and started the web mode in ${((Date.now() - seedStart) / 1000).toFixed(1)} s\n`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(ferry.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Contacts' }).click();
    await page.getByTestId('contact-row').first().waitFor();
    const total = await page.getByTestId('contact-count').textContent();

    // Sent as source text: tsx would wrap named functions in a helper the page does not have.
    const result = await page.evaluate(`(async () => {
      const list = document.querySelector('[data-testid="contact-list"]');
      if (!list) throw new Error('no contact list');
      const frames = [];
      const end = performance.now() + ${SECONDS} * 1000;
      // A fast, steady flick (20,000 px/s, about 385 rows a second) for the first
      // half; then scrollbar drags: a jump to a random place in the list every 10th frame.
      const speed = 20;
      const half = performance.now() + ${SECONDS} * 500;
      let n = 0;
      let last = performance.now();
      let placeholders = 0;
      let samples = 0;
      await new Promise((resolve) => {
        const step = (now) => {
          frames.push(now - last);
          if (now < half) list.scrollTop += (now - last) * speed;
          else if (n++ % 10 === 0) list.scrollTop = Math.random() * (list.scrollHeight - list.clientHeight);
          last = now;
          samples++;
          placeholders += list.querySelectorAll('[data-testid="contact-row-placeholder"]').length;
          if (now < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return { frames: frames.slice(1), scrolledTo: ${SECONDS} * 500 * speed, placeholdersPerFrame: placeholders / Math.max(1, samples) };
    })()`) as { frames: number[]; scrolledTo: number; placeholdersPerFrame: number };

    const sorted = [...result.frames].sort((a, b) => a - b);
    const dropped = result.frames.filter((f) => f > BUDGET_MS * 1.5).length;
    const rowsPassed = Math.round(result.scrolledTo / 52);
    process.stdout.write([
      `list: ${total}; flicked ${rowsPassed.toLocaleString()} rows in ${SECONDS / 2} s, then jumped at random for ${SECONDS / 2} s`,
      `frames: ${result.frames.length}`,
      `frame time p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms`,
      `dropped frames (> ${(BUDGET_MS * 1.5).toFixed(1)} ms): ${dropped} (${((dropped / Math.max(1, result.frames.length)) * 100).toFixed(1)}%)`,
      `placeholder rows visible per frame (pages still loading): ${result.placeholdersPerFrame.toFixed(1)}`,
    ].join('\n') + '\n');
  } finally {
    await browser.close();
    await ferry.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
