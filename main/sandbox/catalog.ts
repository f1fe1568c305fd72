import type { DestinationId } from '../../destinations/index';
import { dynamicsSandbox } from './dynamics/entry';
import { hubspotSandbox } from './hubspot/entry';
import { mailchimpSandbox } from './mailchimp/entry';
import { pipedriveSandbox } from './pipedrive/entry';
import { salesforceSandbox } from './salesforce/entry';
import type { SandboxEntry } from './shared/entry';
import { webhookSandbox } from './webhook/entry';
import { zapierSandbox } from './zapier/entry';
import { zohoSandbox } from './zoho/entry';

export type { SandboxEntry } from './shared/entry';

/**
 * The sandboxes this build ships, one line each (a destination whose
 * descriptor says `sandbox: true` has one here; a test holds the two together).
 * The entries are small; each loads its server only when it starts one.
 */
export const SANDBOXES: Partial<Record<DestinationId, SandboxEntry>> = {
  hubspot: hubspotSandbox,
  salesforce: salesforceSandbox,
  pipedrive: pipedriveSandbox,
  zapier: zapierSandbox,
  webhook: webhookSandbox,
  mailchimp: mailchimpSandbox,
  zoho: zohoSandbox,
  dynamics: dynamicsSandbox,
};

export const SANDBOX_KINDS = Object.keys(SANDBOXES) as DestinationId[];
