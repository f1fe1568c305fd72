import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { apiVersion, type SalesforceContext, type SalesforceRoute } from './context';
import { OBJECT_NAMES } from './schema';

/** Versions, org limits and the global describe: what clients probe before working. */

function versions(_req: SandboxRequest, ctx: SalesforceContext): Reply {
  return { status: 200, body: ['59.0', '60.0', '61.0', '62.0'].map((v) => ({ label: `v${v}`, url: `/services/data/v${v}`, version: v })), headers: { 'x-sandbox-org': ctx.settings.orgId } };
}

function limits(_req: SandboxRequest, ctx: SalesforceContext): Reply {
  const max = ctx.limits.limit;
  return { status: 200, body: { DailyApiRequests: { Max: max, Remaining: Math.max(0, max - ctx.limits.used(ctx.now())) } } };
}

function describeGlobal(req: SandboxRequest): Reply {
  const v = apiVersion(req);
  return {
    status: 200,
    body: {
      encoding: 'UTF-8', maxBatchSize: 200,
      sobjects: OBJECT_NAMES.map((name) => ({ name, label: name, custom: false, queryable: true, createable: true, updateable: true, urls: { sobject: `/services/data/v${v}/sobjects/${name}`, describe: `/services/data/v${v}/sobjects/${name}/describe` } })),
    },
  };
}

export function addMiscRoutes(router: Router<SalesforceRoute>): void {
  router
    .add('GET', '/services/data', { handler: versions, kind: 'oauth' })
    .add('GET', '/services/data/:version/limits', { handler: limits, kind: 'api' })
    .add('GET', '/services/data/:version/sobjects', { handler: describeGlobal, kind: 'api' });
}
