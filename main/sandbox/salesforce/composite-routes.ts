import { z } from 'zod';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { SalesforceContext, SalesforceRoute } from './context';
import { SalesforceError } from './errors';
import { serveQuery } from './query-routes';
import { parseBody } from './wire';

/**
 * POST /services/data/vXX.X/composite: up to 25 subrequests in one call, which
 * counts as one API request against the org's allocation. The SOQL of a query
 * subrequest travels in the body, so it meets no URI or header limit: Salesforce's
 * own advice for long queries (knowledge article 000386264: "incorporate the SOQL
 * statement into the body of a Composite API request as one of the 25 allowed
 * subrequests"). This sandbox serves query subrequests (GET …/query?q=…) only.
 */
const MAX_SUBREQUESTS = 25;

const compositeSchema = z.object({
  allOrNone: z.boolean().optional(),
  compositeRequest: z.array(z.object({
    method: z.string(),
    url: z.string().startsWith('/services/data/'),
    referenceId: z.string().regex(/^[A-Za-z0-9_]+$/),
    body: z.unknown().optional(),
  }).passthrough()),
}).passthrough();

function composite(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const { compositeRequest } = parseBody(req, compositeSchema);
  if (compositeRequest.length > MAX_SUBREQUESTS) {
    throw new SalesforceError(400, 'INVALID_FIELD', `The composite request has ${compositeRequest.length} subrequests; the limit is ${MAX_SUBREQUESTS}.`);
  }
  const compositeResponse = compositeRequest.map((sub) => {
    const url = new URL(sub.url, 'http://sandbox');
    const version = /^\/services\/data\/(v\d+\.\d)\/query\/?$/.exec(url.pathname)?.[1];
    let reply: Reply;
    try {
      if (sub.method !== 'GET' || !version) throw new SalesforceError(400, 'METHOD_NOT_ALLOWED', `This sandbox serves only query subrequests, not ${sub.method} ${url.pathname}`);
      reply = serveQuery(ctx, url.searchParams.get('q'), version.slice(1));
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      reply = error.toReply();
    }
    return { body: reply.body ?? null, httpHeaders: {}, httpStatusCode: reply.status, referenceId: sub.referenceId };
  });
  return { status: 200, body: { compositeResponse } };
}

export function addCompositeRoutes(router: Router<SalesforceRoute>): void {
  router.add('POST', '/services/data/:version/composite', { handler: composite, kind: 'api' });
}
