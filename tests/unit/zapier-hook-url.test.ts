import { describe, expect, it } from 'vitest';
import { validateHookUrl } from '../../main/crm/zapier/hook-url';

const real = 'https://hooks.zapier.com/hooks/catch/123456/abcdef/';

function reason(url: string): string {
  const check = validateHookUrl(url);
  if (check.ok) throw new Error(`expected ${url} to be refused`);
  return check.reason;
}

describe('validateHookUrl', () => {
  it('accepts a real Catch Hook URL, with or without the trailing slash or /silent/', () => {
    expect(validateHookUrl(real).ok).toBe(true);
    expect(validateHookUrl('https://hooks.zapier.com/hooks/catch/123456/abcdef').ok).toBe(true);
    expect(validateHookUrl('https://hooks.zapier.com/hooks/catch/123456/abcdef/silent/').ok).toBe(true);
    expect(validateHookUrl(`  ${real}  `).ok).toBe(true);
  });

  it('refuses plain http, other hosts, other paths and incomplete hooks with a sentence', () => {
    expect(reason('http://hooks.zapier.com/hooks/catch/1/a/')).toMatch(/https:\/\//);
    expect(reason('https://example.com/hooks/catch/1/a/')).toMatch(/hooks\.zapier\.com.*example\.com/);
    expect(reason('https://hooks.zapier.com/hooks/standard/1/a/')).toMatch(/Catch Hook/);
    expect(reason('https://hooks.zapier.com/hooks/catch/123456/')).toMatch(/incomplete/);
    expect(reason('https://hooks.zapier.com:8443/hooks/catch/1/a/')).toMatch(/port/);
    expect(reason('')).toMatch(/empty/);
    expect(reason('hooks.zapier.com/hooks/catch/1/a/')).toMatch(/not a valid address/);
    expect(reason('ftp://hooks.zapier.com/hooks/catch/1/a/')).toMatch(/https/);
    expect(reason('https://u:p@hooks.zapier.com/hooks/catch/1/a/')).toMatch(/user name or password/);
  });

  it('allows a local test receiver on this computer for any connection, and nothing else over http', () => {
    for (const local of ['http://127.0.0.1:4010/hooks/catch/1000001/ferrysb/', 'http://localhost:4010/hooks/catch/1/a/', 'http://[::1]:4010/hooks/catch/1/a/']) {
      expect(validateHookUrl(local).ok, local).toBe(true);
    }
    expect(reason('http://10.0.0.5/hooks/catch/1/a/')).toMatch(/https/);
    expect(reason('http://localhost.evil.test/hooks/catch/1/a/')).toMatch(/https/);
  });

  it('never repeats the secret path of the URL in a rejection', () => {
    for (const url of ['https://example.com/hooks/catch/999/secretpart/', 'http://hooks.zapier.com/hooks/catch/999/secretpart/']) {
      expect(reason(url)).not.toContain('secretpart');
    }
  });
});
