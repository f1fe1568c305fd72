import { describe, expect, it } from 'vitest';
import { CONNECTION_STATUSES } from '../../preload/schemas/connection';
import { attentionSentence, overallSentence, problemOf, statusLine, type StatusFacts } from '../../preload/status/connection-sentences';
import { trayModel } from '../../main/shell/tray-state';

const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
  kind: 'hubspot', label: 'HubSpot', status: 'connected', mode: 'manual', pending: 0, quarantined: 0,
  lastError: null, lastErrorDetail: null, lastSuccessAt: 1_000, ...over,
});

describe('the status line (card, ferry status)', () => {
  it('has a sentence for every status', () => {
    for (const status of CONNECTION_STATUSES) expect(statusLine(facts({ status })).length).toBeGreaterThan(5);
  });

  it('is "Up to date" only after a sync that worked, with nothing waiting and nothing rejected', () => {
    expect(statusLine(facts())).toBe('Up to date');
    expect(statusLine(facts({ lastSuccessAt: null }))).toBe('Connected — nothing sent yet');
    expect(statusLine(facts({ quarantined: 2 }))).toBe('2 records rejected; everything else is up to date');
    expect(statusLine(facts({ pending: 3 }))).toBe('3 changes wait for Sync now');
    expect(statusLine(facts({ pending: 1, mode: 'automatic' }))).toBe('1 change is being sent shortly');
    expect(statusLine(facts({ pending: 2, mode: 'scheduled', quarantined: 1 }))).toBe('2 changes go with the next scheduled sync · 1 record rejected');
  });

  it('never says "keeps retrying" for a connection that is not syncing: the problem carries the engine\'s own sentence', () => {
    const gone = facts({ kind: 'zapier', label: 'Zapier', status: 'error', pending: 4, lastError: 'This Zapier hook no longer exists — paste a new Catch Hook URL.' });
    expect(statusLine(gone)).toBe('Not syncing; 4 changes kept');
    const problem = problemOf(gone);
    expect(problem).toMatchObject({ tone: 'error', title: 'Zapier is not syncing', steps: ['reconnect', 'sync-now'] });
    expect(problem?.explanation).toBe('This Zapier hook no longer exists — paste a new Catch Hook URL. 4 changes are kept and will be sent.');
    expect(problem?.explanation).not.toMatch(/retr/i);
  });

  it('delivery connections say "delivered" and "refused", never "synced"', () => {
    expect(statusLine(facts({ kind: 'zapier', status: 'syncing' }))).toBe('Delivering…');
    expect(statusLine(facts({ kind: 'webhook' }))).toBe('Everything delivered');
    expect(problemOf(facts({ kind: 'zapier', quarantined: 1 }))?.title).toBe('Zapier refused 1 record');
  });
});

describe('problems', () => {
  it('needs reauthorization → reconnect, with the CRM\'s message kept for the disclosure', () => {
    const p = problemOf(facts({ status: 'needs_reauth', pending: 2, lastError: 'Reconnect HubSpot to resume syncing.', lastErrorDetail: 'EXPIRED_AUTHENTICATION' }));
    expect(p).toMatchObject({ tone: 'error', steps: ['reconnect'], detail: 'EXPIRED_AUTHENTICATION' });
    expect(p?.explanation).toContain('2 changes are kept');
    expect(p?.explanation).not.toMatch(/renew it/);
  });

  it('a run waiting out a 429 is a warning that needs no action', () => {
    expect(problemOf(facts({ status: 'syncing', lastError: 'HubSpot asked Ferry to slow down; syncing continues at a lower pace.' })))
      .toMatchObject({ tone: 'warning', title: 'HubSpot is having trouble keeping up', steps: [] });
  });

  it('a missing scope → ask an admin, then resume', () => {
    expect(problemOf(facts({ status: 'paused', lastError: "Ferry's HubSpot access is missing the 'crm.objects.contacts.write' permission." }))?.steps).toEqual(['ask-admin', 'resume']);
  });

  it('a contact held for a shared e-mail is "set aside (same e-mail as another contact)" on the card and the tray, never "rejected": the CRM never saw it', () => {
    expect(statusLine(facts({ quarantined: 1, held: 1 }))).toBe('1 contact set aside (same e-mail as another contact); everything else is up to date');
    expect(statusLine(facts({ pending: 2, quarantined: 3, held: 1 }))).toBe('2 changes wait for Sync now · 2 records rejected · 1 contact set aside (same e-mail as another contact)');
    const held = problemOf(facts({ kind: 'zoho', label: 'Zoho CRM', quarantined: 2, held: 2 }));
    expect(held).toMatchObject({ tone: 'warning', title: 'Zoho CRM has 2 contacts set aside (same e-mail as another contact)', steps: ['show-quarantined'] });
    expect(held?.explanation).toBe("Each has the e-mail address of another contact in Ferry, and Zoho CRM matches contacts by e-mail: sending them would write over the other's record. Merge the two in Ferry (Contacts → Duplicates), or change one of the e-mail addresses, and they are sent. Everything else keeps syncing.");
    expect(JSON.stringify(held)).not.toContain('rejected');
    // a refusal too: the refusal leads, the held one is said beside it
    expect(problemOf(facts({ quarantined: 2, held: 1 }))).toMatchObject({ title: 'HubSpot rejected 1 record', explanation: 'Fix it (the log shows why), then retry. 1 other contact is set aside (same e-mail as another contact). Everything else keeps syncing.' });
    expect(trayModel([{ ...facts({ quarantined: 1, held: 1 }) }], []).tooltip).toBe('Ferry — HubSpot has 1 contact set aside (same e-mail as another contact)');
  });

  it('set-aside records → show them in the log; healthy → none', () => {
    expect(problemOf(facts({ quarantined: 3 }))).toMatchObject({ title: 'HubSpot rejected 3 records', steps: ['show-quarantined'] });
    expect(problemOf(facts())).toBeNull();
    expect(problemOf(facts({ status: 'paused' }))).toBeNull();
  });
});

describe('the overall line', () => {
  it('is not "reaching their destinations" before anything was sent', () => {
    expect(overallSentence([facts({ lastSuccessAt: null, pending: 50 })]).text).toBe('50 changes waiting to be sent. Press Sync now on HubSpot to send them.');
    expect(overallSentence([facts({ lastSuccessAt: null })]).text).toBe('Connected. Nothing has been sent yet, and nothing is waiting.');
    expect(overallSentence([facts()]).text).toBe('Up to date: every change has reached its destination.');
  });

  it('names what needs attention, including rejected records, and what is paused', () => {
    expect(overallSentence([facts({ quarantined: 2 })])).toMatchObject({ tone: 'warning', text: 'HubSpot needs attention — see below for what to do.' });
    expect(overallSentence([facts({ status: 'needs_reauth' }), facts({ label: 'Zapier', kind: 'zapier', status: 'error', lastError: 'x' })]).tone).toBe('error');
    expect(overallSentence([facts(), facts({ label: 'Zapier', kind: 'zapier', status: 'paused' })]).text).toBe('Up to date: every change has reached its destination. Zapier is paused.');
    expect(overallSentence([])).toMatchObject({ tone: 'paused' });
  });
});

describe('the tray reads the same sentences', () => {
  it('words a problem as the card titles it', () => {
    const c = facts({ label: 'HubSpot Sandbox', status: 'needs_reauth' });
    expect(attentionSentence(c)).toBe('HubSpot Sandbox needs you to sign in again');
    expect(trayModel([c], []).tooltip).toBe('Ferry — HubSpot Sandbox needs you to sign in again');
    expect(trayModel([facts({ status: 'waiting_for_network' })], []).tooltip).toMatch(/offline/);
  });
});
