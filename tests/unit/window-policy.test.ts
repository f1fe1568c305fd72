import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, decideNavigation, decideWindowOpen, isAllowedExternalUrl, metaContentSecurityPolicy, devToolsEnabled } from '../../main/policy/window-policy';

const APP = 'file:///opt/Ferry/resources/app.asar/dist/index.html';

describe('window policy', () => {
  it('opens only allow-listed https hosts in the system browser', () => {
    expect(isAllowedExternalUrl('https://app.hubspot.com/contacts/123/record/0-1/42')).toBe(true);
    expect(isAllowedExternalUrl('https://login.salesforce.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://acme.lightning.force.com/lightning/r/Contact/003XX/view')).toBe(true);
    expect(isAllowedExternalUrl('https://acme.lightning.force.com.evil.test/')).toBe(false);
    expect(isAllowedExternalUrl('https://acme.my.salesforce.com/lightning/r/Contact/003/view')).toBe(true);
    expect(isAllowedExternalUrl('https://zapier.com/app/zaps')).toBe(true);
    for (const bad of [
      'http://app.hubspot.com/', 'https://app.hubspot.com.evil.com/', 'https://evil.com/?app.hubspot.com',
      'https://user:pw@app.hubspot.com/', 'https://app.hubspot.com:8443/', 'file:///etc/passwd', 'javascript:alert(1)',
      'https://my.salesforce.com.evil.io/', 'https://a.b.my.salesforce.com/', 'not a url', 'https://hooks.zapier.com/x',
    ]) expect(isAllowedExternalUrl(bad), bad).toBe(false);
  });

  it('allows only same-document navigation; the rest goes external or is denied', () => {
    expect(decideNavigation(`${APP}#/contacts`, APP)).toBe('allow');
    expect(decideNavigation('file:///etc/passwd', APP)).toBe('deny');
    expect(decideNavigation('https://evil.example/', APP)).toBe('deny');
    expect(decideNavigation('https://app.hubspot.com/', APP)).toBe('open-external');
    expect(decideWindowOpen('https://zapier.com/')).toBe('open-external');
    expect(decideWindowOpen(APP)).toBe('deny');
  });

  it('has a strict CSP: no inline scripts, no eval, no frames or plugins', () => {
    const csp = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4321'] });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4321");
  });

  it('puts the strict policy itself in the page: the meta tag is what runs under file://', () => {
    const html = fs.readFileSync(path.join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(metaContentSecurityPolicy());
    expect(meta).toContain("connect-src 'self';");
    expect(meta).not.toMatch(/ws:\/\/|unsafe-|\*/);
  });

  it('keeps DevTools off in packaged builds unless FERRY_DEBUG=1', () => {
    expect(devToolsEnabled({ packaged: true, env: {} })).toBe(false);
    expect(devToolsEnabled({ packaged: true, env: { FERRY_DEBUG: 'yes' } })).toBe(false);
    expect(devToolsEnabled({ packaged: true, env: { FERRY_DEBUG: '1' } })).toBe(true);
    expect(devToolsEnabled({ packaged: false, env: {} })).toBe(true);
  });
});
