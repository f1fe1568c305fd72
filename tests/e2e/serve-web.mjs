// Starts Ferry's web mode in a data folder given as argv[2] and prints one JSON
// line {"url": ...} when it is ready. Same runtime, engine and server as
// `ferry web`, with one test choice: secrets live in memory (no OS keychain on
// a CI box). FERRY_SEED=N adds N demo contacts before the server starts (the
// scroll benchmark uses 100,000). FERRY_E2E_OAUTH=1 also starts a HubSpot
// sandbox with a registered OAuth app and configures Ferry's HubSpot client
// through the same environment variables an admin would use; the ready line
// then carries its address as "oauthSandbox".
import net from 'node:net';
import { register } from 'tsx/esm/api';

register();
const { startRuntime } = await import('../../main/runtime/index.ts');
const { startWebServer } = await import('../../main/web/server.ts');
const { ensureRendererBuilt } = await import('../../main/cli/web-command.ts');
const { defaultCard } = await import('../../main/store/cards.ts');
const { seedDemoContacts } = await import('../../main/store/demo-seed.ts');
const { createSandboxToken } = await import('../../main/crm/registry.ts');

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A HubSpot sandbox that signs users in as HubSpot does (it approves the consent page by itself). */
async function startOAuthSandbox() {
  const { startHubSpotSandbox, companyScopes, contactScopes } = await import('../../main/sandbox/hubspot/index.ts');
  const sandbox = await startHubSpotSandbox({ port: 0 });
  const redirectPort = await freePort();
  const clientId = 'ferry-e2e-app';
  const clientSecret = 'e2e-web-client-secret-0001';
  sandbox.admin.registerOAuthApp({ clientId, clientSecret, redirectUri: `http://localhost:${redirectPort}/oauth/callback`, scopes: ['oauth', ...contactScopes], optionalScopes: companyScopes });
  Object.assign(process.env, {
    FERRY_HUBSPOT_CLIENT_ID: clientId,
    FERRY_HUBSPOT_CLIENT_SECRET: clientSecret,
    FERRY_HUBSPOT_AUTH_BASE_URL: sandbox.url,
    FERRY_HUBSPOT_API_BASE_URL: sandbox.url,
    FERRY_OAUTH_REDIRECT_PORT: String(redirectPort),
  });
  return sandbox;
}

/**
 * FERRY_E2E_OAUTH=dynamics: a Dynamics 365 sandbox whose Microsoft identity platform has
 * Ferry registered as a public client in one tenant (redirect http://localhost/oauth/callback,
 * any port), and Ferry's Dynamics client configured through the admin's environment variables.
 */
async function startDynamicsOAuthSandbox() {
  const { startDynamicsSandbox } = await import('../../main/sandbox/dynamics/index.ts');
  const sandbox = await startDynamicsSandbox({ port: 0, ferryIdPrefix: 'ferry' });
  const clientId = '5e1f0c2a-8d3b-4f6e-9a10-00000000e2e0';
  const tenant = 'ferry-e2e.onmicrosoft.com';
  sandbox.identity.registerApp({ clientId, tenant, redirectUris: ['http://localhost/oauth/callback'] });
  Object.assign(process.env, { FERRY_DYNAMICS_CLIENT_ID: clientId, FERRY_DYNAMICS_TENANT: tenant, FERRY_DYNAMICS_AUTH_BASE_URL: sandbox.url });
  return sandbox;
}

const out = { info: () => undefined, warn: (line) => process.stderr.write(`${line}\n`) };
const staticDir = ensureRendererBuilt(out);
const oauthSandbox = process.env.FERRY_E2E_OAUTH === '1' ? await startOAuthSandbox() : process.env.FERRY_E2E_OAUTH === 'dynamics' ? await startDynamicsOAuthSandbox() : null;
// The per-launch sandbox token, chosen here so the tests can drive the sandbox's token admin API.
const sandboxToken = createSandboxToken();
// Signing in to a (sandbox-played) real HubSpot: the rep's own 50 contacts instead of the
// first run's demo people, who only ever go to sandbox connections.
const realCrm = oauthSandbox !== null;
const runtime = await startRuntime({ dataDir: process.argv[2], host: 'web', vault: 'memory', firstRun: !realCrm, sandboxToken });
const seed = Number(process.env.FERRY_SEED ?? (realCrm ? 50 : 0));
if (seed > 0) seedDemoContacts(runtime.db, defaultCard(runtime.db).id, seed, 'US', Date.now(), realCrm ? 'sample' : 'demo');
const web = await startWebServer({ services: runtime.services, port: 0, staticDir });
process.stdout.write(`${JSON.stringify({ url: web.url, port: web.port, dataDir: process.argv[2], sandboxToken, ...(oauthSandbox ? { oauthSandbox: oauthSandbox.url } : {}) })}\n`);

const stop = async () => {
  await web.close();
  await runtime.close();
  await oauthSandbox?.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
