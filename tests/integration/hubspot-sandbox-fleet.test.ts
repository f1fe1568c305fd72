/**
 * HubSpot counts its ten-second limit "per app per portal" (developer changelog,
 * "New and Improved HubSpot API Limits"): a team's laptops, all using the team's
 * app, draw on one window, and X-HubSpot-RateLimit-Remaining on every answer is
 * that window's count, whoever asked. The sandbox plays one app in one portal:
 * requests from several processes count in one window and its headers say so.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';

const TOKEN = 'pat-na1-fleet-portal-token';
const FROZEN = Date.UTC(2026, 11, 1, 9, 0, 0);
let sandbox: HubSpotSandbox;
// time stands still, so the window cannot move on between the laptops' requests, however slow the machine
beforeAll(async () => { sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN, rateLimit: 10, clock: () => FROZEN }); });
afterAll(async () => { await sandbox.close(); });

/** A separate process ("a laptop") that makes `count` requests and prints each answer's status and limit headers. */
function laptop(count: number): Promise<{ status: number; remaining: string | null; max: string | null; interval: string | null }[]> {
  const script = `
    const out = [];
    for (let i = 0; i < ${count}; i++) {
      const r = await fetch(process.argv[1] + '/account-info/v3/details', { headers: { authorization: 'Bearer ${TOKEN}' } });
      await r.text();
      out.push({ status: r.status, remaining: r.headers.get('x-hubspot-ratelimit-remaining'), max: r.headers.get('x-hubspot-ratelimit-max'), interval: r.headers.get('x-hubspot-ratelimit-interval-milliseconds') });
    }
    process.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, sandbox.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`laptop exited with ${code}`))));
  });
}

describe('one HubSpot sandbox shared by several processes', () => {
  it('counts one portal-wide window: every answer\'s remaining count falls for every laptop\'s request, and the 11th is refused as HubSpot refuses it', async () => {
    const answers = (await Promise.all([laptop(5), laptop(5)])).flat();
    expect(answers.every((a) => a.status === 200 && a.max === '10' && a.interval === '10000')).toBe(true);
    // ten requests from two processes, one window: remaining 9, 8, … 0, each exactly once
    expect(answers.map((a) => Number(a.remaining)).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const [refused] = await laptop(1);
    expect(refused).toMatchObject({ status: 429, remaining: '0', max: '10' });
    const res = await fetch(`${sandbox.url}/account-info/v3/details`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  });
});

describe('searches: limited per access token, not per portal', () => {
  // "rate limit … per second and per authentication token" (HubSpot Developer Changelog,
  // "CRM Search API Rate Limit Increase"); the 10-second window stays the portal's.
  const OTHER = 'pat-na1-another-reps-token';
  let portal: HubSpotSandbox;
  beforeAll(async () => {
    portal = await startHubSpotSandbox({ port: 0, token: TOKEN, rateLimit: 100, searchPerSecond: 5, clock: () => FROZEN });
    portal.admin.registerToken({ token: OTHER });
  });
  afterAll(async () => { await portal.close(); });

  const search = async (token: string): Promise<number> => {
    const res = await fetch(`${portal.url}/crm/v3/objects/companies/search`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ filterGroups: [], limit: 1 }),
    });
    await res.text();
    return res.status;
  };

  it('one rep\'s sixth search in a second is refused; another rep\'s token still searches', async () => {
    const mine: number[] = [];
    for (let i = 0; i < 6; i++) mine.push(await search(TOKEN));
    expect(mine).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await search(OTHER)).toBe(200);
  });
});
