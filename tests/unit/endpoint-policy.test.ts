import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientFor } from '../../main/oauth/authorize';
import { loadOAuthConfig, OAUTH_CONFIG_FILE } from '../../main/oauth/client-config';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import { exchangeCode } from '../../main/oauth/token-client';
import { guardSignInOpener } from '../../main/runtime/adapters';
import { checkEndpoint, isVendorHost } from '../../main/policy/endpoint-policy';
import { isAllowedSignInUrl } from '../../main/policy/window-policy';

/** Issue 11, Medium: plain http to real CRMs, and unchecked OAuth addresses. */
describe('the endpoint policy', () => {
  it('takes https everywhere, plain http only to this computer', () => {
    for (const ok of ['https://receiver.example/hook', 'http://localhost:8080/x', 'http://127.0.0.1:9/x', 'http://[::1]:9/x', 'https://localhost/x']) {
      expect(checkEndpoint(ok, { what: 'webhook URL' }).ok, ok).toBe(true);
    }
    for (const bad of ['http://receiver.example/hook', 'http://10.0.0.5/x', 'http://127.0.0.1.nip.io/x', 'http://localhost.evil.example/',
      'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ftp://x.example/', 'https://user:pw@receiver.example/', 'not a url', '']) {
      expect(checkEndpoint(bad, { what: 'webhook URL' }).ok, bad).toBe(false);
    }
  });

  it('sends HubSpot credentials only to HubSpot hosts (or a sandbox on this computer)', () => {
    for (const ok of ['https://api.hubapi.com', 'https://api-eu1.hubapi.com', 'https://app.hubspot.com', 'https://app-eu1.hubspot.com', 'http://127.0.0.1:4010']) {
      expect(checkEndpoint(ok, { what: 'HubSpot API address', vendor: 'hubspot' }).ok, ok).toBe(true);
    }
    for (const bad of ['http://api.hubapi.com', 'https://api.hubapi.com.evil.example', 'https://evil.example/api.hubapi.com', 'https://hubapi.com.evil.example', 'https://notapi.hubapi.com', 'https://login.salesforce.com']) {
      const check = checkEndpoint(bad, { what: 'HubSpot API address', vendor: 'hubspot' });
      expect(check.ok, bad).toBe(false);
    }
  });

  it("sends Salesforce credentials only to Salesforce's hosts: login, test, My Domain, sandbox and scratch orgs, instances", () => {
    for (const host of ['login.salesforce.com', 'test.salesforce.com', 'acme.my.salesforce.com', 'acme--uat.sandbox.my.salesforce.com',
      'acme-dev-ed.develop.my.salesforce.com', 'site-ability-1234.scratch.my.salesforce.com', 'na1.salesforce.com', 'cs91.salesforce.com', 'acme.lightning.force.com']) {
      expect(isVendorHost('salesforce', host), host).toBe(true);
    }
    for (const host of ['salesforce.com.evil.example', 'evilsalesforce.com', 'my-salesforce.com', 'acme.my.salesforce.com.evil.example', 'api.hubapi.com']) {
      expect(isVendorHost('salesforce', host), host).toBe(false);
    }
    expect(checkEndpoint('http://acme.my.salesforce.com', { what: 'x', vendor: 'salesforce' }).ok).toBe(false);
  });
});

describe('OAuth addresses go through the policy', () => {
  const withConfigFile = (json: unknown): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-oauth-cfg-'));
    fs.writeFileSync(path.join(dir, OAUTH_CONFIG_FILE), JSON.stringify(json));
    return dir;
  };

  it('refuses javascript:, file:, smb:, plain http and foreign hosts as authBaseUrl in oauth-clients.json', () => {
    for (const authBaseUrl of ['javascript:alert(document.cookie)', 'file:///etc/passwd', 'smb://attacker/share', 'http://login.salesforce.com', 'https://login.salesforce.com.evil.example']) {
      const dataDir = withConfigFile({ salesforce: { clientId: 'abc', authBaseUrl } });
      expect(() => loadOAuthConfig({ dataDir, env: {} }), authBaseUrl).toThrow(/https:\/\/|Salesforce's own addresses/);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const good = withConfigFile({ salesforce: { clientId: 'abc', authBaseUrl: 'https://acme--uat.sandbox.my.salesforce.com' }, hubspot: { clientId: 'h', apiBaseUrl: 'http://127.0.0.1:4010' } });
    expect(loadOAuthConfig({ dataDir: good, env: {} }).providers.salesforce?.authBaseUrl).toBe('https://acme--uat.sandbox.my.salesforce.com');
    fs.rmSync(good, { recursive: true, force: true });
  });

  it('refuses the same through the environment and in a client built from parts', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-oauth-env-'));
    expect(() => loadOAuthConfig({ dataDir, env: { FERRY_HUBSPOT_API_BASE_URL: 'http://api.hubapi.example' } })).toThrow(/https/);
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(() => resolveEndpoints(oauthProvider('hubspot'), { authBaseUrl: 'javascript:alert(1)' })).toThrow(/https/);
    expect(() => clientFor({ provider: 'salesforce', clientId: 'x', baseUrls: { authBaseUrl: 'https://evil.example' } })).toThrow(/Salesforce's own addresses/);
  });

  it("refuses a token answer whose Salesforce instance_url is not Salesforce's (or is plain http)", async () => {
    for (const instanceUrl of ['http://acme.my.salesforce.com', 'https://evil.example']) {
      const server = http.createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: '00Dxx!secret', refresh_token: 'r', instance_url: instanceUrl, id: 'https://login.salesforce.com/id/00D/005' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = clientFor({ provider: 'salesforce', clientId: 'x', baseUrls: { authBaseUrl: base } });
      await expect(exchangeCode(client, { code: 'c', codeVerifier: 'v', redirectUri: 'http://127.0.0.1:1/oauth/callback' }), instanceUrl).rejects.toThrow(/instance address/);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('opens only allow-listed sign-in pages (or a sandbox on this computer) with shell.openExternal', async () => {
    const opened: string[] = [];
    const open = guardSignInOpener(async (url) => { opened.push(url); });
    await open('https://app.hubspot.com/oauth/authorize?client_id=x');
    await open('https://acme--uat.sandbox.my.salesforce.com/services/oauth2/authorize?x=1');
    await open('http://127.0.0.1:4010/oauth/authorize?client_id=x');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://attacker/share', 'http://evil.example/oauth', 'https://evil.example/oauth']) {
      await expect(open(bad), bad).rejects.toThrow(/will not open/);
      expect(isAllowedSignInUrl(bad), bad).toBe(false);
    }
    expect(opened).toHaveLength(3);
  });
});
