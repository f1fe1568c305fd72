/**
 * `ferry mapping` through the real executable against the HubSpot sandbox: a
 * custom field mapped to a HubSpot property reaches it, the dry run shows the
 * mapped value, a field HubSpot does not have is refused with a sentence, and
 * unset/reset put things back.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import type { MappingView } from '../../preload/schemas/mapping';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-mapping-cli-token';
let sandbox: HubSpotSandbox;
beforeAll(async () => { sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN }); });
afterAll(async () => { await sandbox.close(); });

describe('ferry mapping', { timeout: 180_000 }, () => {
  it('show, set, the dry run and the sync, unset and reset', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_HUBSPOT_TOKEN: TOKEN });
    expect((await ferry('connect', 'hubspot', '--base-url', sandbox.url)).code).toBe(0);
    expect((await ferry('contacts', 'add', '--first', 'Ada', '--email', 'ada@example.com', '--title', 'Engineer', '--custom', 'Department=Research')).code).toBe(0);

    const shown = await ferry('--json', 'mapping', 'show', 'hubspot');
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.stdout) as MappingView;
    expect(view.rows.find((r) => r.ferryField === 'title')).toMatchObject({ target: 'jobtitle', custom: false, targetType: 'string' });
    expect(view.rows.find((r) => r.ferryField === 'custom.Department')).toMatchObject({ target: 'ferry_cf_department' });
    expect(view.crmFields?.find((f) => f.name === 'lifecyclestage')).toMatchObject({ type: 'enumeration', writable: true });

    const refused = await ferry('mapping', 'set', 'hubspot', 'custom.Department', 'department_name');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("HubSpot has no field 'department_name'");
    const readOnly = await ferry('mapping', 'set', 'hubspot', 'title', 'createdate');
    expect(readOnly.stderr).toContain('does not let Ferry write the field');

    const set = await ferry('mapping', 'set', 'hubspot', 'custom.Department', 'industry');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/custom\.Department\s+→ industry/);
    const dry = await ferry('sync', '--dry-run');
    expect(dry.stdout).toContain('industry: ∅ → Research');
    expect(dry.stdout).not.toContain('ferry_cf_department');

    expect((await ferry('sync')).code).toBe(0);
    expect(sandbox.admin.contactByEmail('ada@example.com')?.properties).toMatchObject({ industry: 'Research', jobtitle: 'Engineer' });

    expect((await ferry('mapping', 'set', 'hubspot', 'title', '--policy', 'create_only')).code).toBe(0);
    const unset = await ferry('--json', 'mapping', 'unset', 'hubspot', 'custom.Department');
    expect((JSON.parse(unset.stdout) as MappingView).rows.find((r) => r.ferryField === 'custom.Department')?.target).toBeNull();
    const reset = await ferry('--json', 'mapping', 'reset', 'hubspot');
    expect((JSON.parse(reset.stdout) as MappingView).rows.every((r) => !r.custom)).toBe(true);

    const rule = await ferry('mapping', 'rule', 'hubspot', '--tag', 'customer', '--set', 'lifecyclestage=customer');
    expect(rule.stdout).toContain('rule: when tag "customer" set lifecyclestage = customer');
  });
});
