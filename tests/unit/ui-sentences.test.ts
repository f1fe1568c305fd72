import { describe, expect, it } from 'vitest';
import { connectFailure } from '../../main/services/connect-errors';
import { VaultError } from '../../main/secrets/vault-error';
import { SyncError } from '../../main/sync/connector';
import { notSentProblem } from '../../preload/status/run-sentences';
import { lastRunText } from '../../renderer/features/integrations/last-run-line';
import { runRecordsText } from '../../renderer/features/sync-log/run-words';

const run = { runId: 1, connectionId: 1, trigger: 'manual' as const, state: 'succeeded' as const, planned: 1, created: 1, updated: 0, deleted: 0, marked: 0, unchanged: 0, failed: 0, quarantined: 0, held: 0, apiCalls: 1, rateLimited: 0, startedAt: 0, finishedAt: 1_500, error: null };

describe('a failed connect in the rep\'s words', () => {
  it('a webhook without a keychain names the keychain and the webhook, never another CRM\'s variable', () => {
    const e = connectFailure(new VaultError('no-provider'), 'webhook', 'connect') as Error;
    expect(e.message).toContain('Ferry keeps the signing secret there');
    expect(e.message).toContain('nothing was saved');
    expect(e.message).not.toMatch(/FERRY_HUBSPOT_TOKEN|--token-env/);
  });

  it('an offline connect says nothing was saved and asks for Connect again, never "Ferry will try again"', () => {
    const e = connectFailure(new SyncError('network', 'Ferry could not reach HubSpot. Check the internet connection; Ferry will try again.'), 'hubspot', 'connect') as Error;
    expect(e.message).toBe('Ferry could not reach HubSpot. Nothing was saved: check the internet connection, then press Connect again.');
  });

  it('Reconnect with a refused sign-in asks for a current one, not "Ferry will renew it"', () => {
    const e = connectFailure(new SyncError('auth', 'The HubSpot sign-in has expired. Ferry will renew it, or ask you to reconnect HubSpot.'), 'hubspot', 'reconnect') as Error;
    expect(e.message).toBe('HubSpot did not accept this service key or private app token (it may have expired or been revoked). Nothing was changed: paste a current one and press Reconnect again.');
  });

  it('a Zapier hook that is gone keeps the connector\'s own sentence', () => {
    const e = connectFailure(new SyncError('config', 'This Zapier hook no longer exists — paste a new Catch Hook URL.'), 'zapier', 'reconnect') as Error;
    expect(e.message).toBe('This Zapier hook no longer exists — paste a new Catch Hook URL. Nothing was changed.');
  });
});

describe('the last run, worded', () => {
  it('counts in the singular when there is one, and says "delivered" for Zapier', () => {
    expect(lastRunText({ kind: 'hubspot' }, run)).toBe('Last run: 1 record created · 1 API call in 1.5 s');
    expect(lastRunText({ kind: 'zapier' }, { ...run, created: 40, updated: 10, apiCalls: 50 })).toBe('Last run: 50 changes delivered · 50 API calls in 1.5 s');
    expect(lastRunText({ kind: 'hubspot' }, { ...run, state: 'nothing_to_send' })).toMatch(/^Nothing was waiting/);
  });

  it('counts deletes sent to the CRM apart from updates, in the destination\'s word from its descriptor', () => {
    const mixed = { ...run, created: 2, updated: 1, deleted: 3, apiCalls: 6 };
    expect(lastRunText({ kind: 'hubspot' }, mixed)).toBe('Last run: 2 records created, 1 record updated, 3 records archived · 6 API calls in 1.5 s');
    expect(lastRunText({ kind: 'mailchimp' }, { ...run, created: 0, deleted: 1 })).toBe('Last run: 1 record archived · 1 API call in 1.5 s');
    expect(lastRunText({ kind: 'salesforce' }, { ...run, created: 0, deleted: 1 })).toBe('Last run: 1 record deleted · 1 API call in 1.5 s');
    expect(lastRunText({ kind: 'salesforce' }, { ...run, created: 0, marked: 2 })).toBe('Last run: 2 records marked "Deleted in Ferry" · 1 API call in 1.5 s');
  });

  it('a contact held for a shared e-mail is set aside, said apart from what the CRM refused: the CRM never saw it', () => {
    const held = { ...run, created: 3, held: 1 };
    expect(lastRunText({ kind: 'hubspot' }, held)).toBe('Last run: 3 records created, 1 record set aside (same e-mail as another contact) · 1 API call in 1.5 s');
    expect(lastRunText({ kind: 'zoho' }, { ...held, held: 2, quarantined: 1 })).toBe('Last run: 3 records created, 2 records set aside (same e-mail as another contact), 1 record not sent · 1 API call in 1.5 s');
    // the Sync log's runs list and a run's detail read the same words
    const view = { ...held, id: 1, trigger: 'manual', kind: 'push' as const, durationMs: 1_500 };
    expect(runRecordsText(view, 'hubspot')).toBe('3 records created, 1 record set aside (same e-mail as another contact)');
    // the run's problem sentence names neither a refusal nor a fix in the CRM
    expect(notSentProblem('HubSpot', { quarantined: 0, held: 1 })).toBe("1 contact set aside (same e-mail as another contact): HubSpot matches contacts by e-mail, so sending it would write over the other's record. Merge the two in Ferry (Contacts → Duplicates), or change one of the e-mail addresses.");
    expect(notSentProblem('HubSpot', { quarantined: 0, held: 0 })).toBeNull();
  });
});
