import { describe, expect, it } from 'vitest';
import { decideField, type FieldSides } from '../../main/pull/decide';
import { connectionTitle, statusLine, type StatusFacts } from '../../preload/status/connection-sentences';

const sides = (over: Partial<FieldSides>): FieldSides => ({ ferry: 'A', crm: 'A', base: 'A', crmChangedAt: 2, ferryChangedAt: 1, ...over });

describe('who wins a field on pull', () => {
  it('an echo (the CRM holds what Ferry sent) is never a change', () => {
    expect(decideField(sides({ ferry: 'B', crm: 'A', base: 'A' }), 'crm-wins')).toBe('keep-ferry');
    expect(decideField(sides({}), 'ask')).toBe('same');
  });
  it('only the CRM changed: its value is taken, unless Ferry owns the field', () => {
    expect(decideField(sides({ crm: 'C' }), 'ask')).toBe('take-crm');
    expect(decideField(sides({ crm: 'C' }), 'ferry-owns')).toBe('keep-ferry');
  });
  it('both changed: each rule', () => {
    const both = sides({ ferry: 'F', crm: 'C', base: 'A' });
    expect(decideField(both, 'ask')).toBe('conflict');
    expect(decideField(both, 'crm-wins')).toBe('take-crm');
    expect(decideField(both, 'ferry-wins')).toBe('keep-ferry');
    expect(decideField(both, 'latest-wins')).toBe('take-crm');
    expect(decideField({ ...both, crmChangedAt: 1, ferryChangedAt: 2 }, 'latest-wins')).toBe('keep-ferry');
    expect(decideField({ ...both, crmChangedAt: null }, 'latest-wins')).toBe('conflict');
  });
  it('never agreed before: a value fills an empty side; two values are a real disagreement', () => {
    expect(decideField(sides({ ferry: '', crm: 'C', base: undefined }), 'ask')).toBe('take-crm');
    expect(decideField(sides({ ferry: 'F', crm: '', base: undefined }), 'ask')).toBe('keep-ferry');
    expect(decideField(sides({ ferry: 'F', crm: 'C', base: undefined }), 'ask')).toBe('conflict');
  });
  it('crm-owns restores the CRM value over a Ferry-only edit', () => {
    expect(decideField(sides({ ferry: 'F' }), 'crm-owns')).toBe('take-crm');
  });
});


describe('status sentences mention pulls only where true', () => {
  const facts: StatusFacts = { kind: 'hubspot', label: 'HubSpot', status: 'connected', mode: 'manual', pending: 0, quarantined: 0, lastError: null, lastErrorDetail: null, lastSuccessAt: 1 };
  it('push connections read as before', () => {
    expect(statusLine(facts)).toBe('Up to date');
    expect(statusLine({ ...facts, direction: 'push', openConflicts: 3 })).toBe('Up to date');
  });
  it('a pull-only connection never claims to send; conflicts are counted', () => {
    expect(statusLine({ ...facts, direction: 'pull', lastPullAt: null })).toBe('Not read from HubSpot yet');
    expect(statusLine({ ...facts, direction: 'pull', lastPullAt: 5, openConflicts: 2 })).toBe('Reads changes from HubSpot · 2 conflicts to settle');
    // mid-sentence the CRM keeps its name's capitals (it read "not read from the crm yet")
    expect(statusLine({ ...facts, kind: 'pipedrive', label: 'Pipedrive', direction: 'two-way', pending: 3, lastPullAt: null })).toBe('3 changes wait for Sync now · not read from Pipedrive yet');
    expect(statusLine({ ...facts, direction: 'two-way', lastPullAt: 5, openConflicts: 1 })).toBe('Up to date · 1 conflict to settle');
  });
});

describe('a conflict names its connection once', () => {
  it('the destination alone when the label is its name, else both', () => {
    // the Conflicts list read "Dynamics 365 · Dynamics 365"
    expect(connectionTitle({ kind: 'dynamics', label: 'Dynamics 365' })).toBe('Dynamics 365');
    expect(connectionTitle({ kind: 'zoho', label: 'EU org' })).toBe('Zoho CRM · EU org');
  });
});
