import { expect, it } from 'vitest';
import { listConflicts } from '../../main/store/conflicts';
import { getContact } from '../../main/store/contacts';
import type { Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import type { SyncEngine } from '../../main/sync/engine';

/**
 * The two-way rules every pulling CRM must honour, on one field both sides edited since
 * they last agreed (a contact's title: Ferry's edit 'Engineer (Ferry)', the CRM's `crmTitle`):
 * ask keeps both as a conflict, crm-wins takes the CRM's and sends nothing back, ferry-wins
 * keeps Ferry's and the next push writes it there. Call inside the CRM's describe block;
 * `bothSidesEdit` sets the rule (null: the default) and makes the two edits.
 */
export function titleRuleTests(o: {
  crmName: string;
  db: () => Db;
  engine: () => SyncEngine;
  bothSidesEdit: (rule: 'crm-wins' | 'ferry-wins' | null) => Promise<{ id: number; contactId: number }>;
  crmTitle: string;
  /** the title the CRM's record holds now */
  titleInCrm: () => unknown;
}): void {
  const ferryTitle = 'Engineer (Ferry)';

  it('ask (the default) keeps both values as a conflict and overwrites nothing', async () => {
    const { id, contactId } = await o.bothSidesEdit(null);
    expect((await o.engine().pullNow(id)).conflicts).toBe(1);
    expect(getContact(o.db(), contactId)?.title).toBe(ferryTitle);
    const [conflict] = listConflicts(o.db(), { connectionId: id, state: 'open', limit: 10, offset: 0 }).items;
    expect(conflict).toMatchObject({ field: 'title', ferryValue: ferryTitle, crmValue: o.crmTitle });
  });

  it(`crm-wins takes ${o.crmName}'s value and pushes nothing back`, async () => {
    const { id, contactId } = await o.bothSidesEdit('crm-wins');
    await o.engine().pullNow(id);
    expect(getContact(o.db(), contactId)?.title).toBe(o.crmTitle);
    expect(countOutbox(o.db(), id).pending).toBe(0);
  });

  it('ferry-wins keeps Ferry\'s value and the next push sends it', async () => {
    const { id, contactId } = await o.bothSidesEdit('ferry-wins');
    await o.engine().pullNow(id);
    expect(getContact(o.db(), contactId)?.title).toBe(ferryTitle);
    await o.engine().syncNow(id);
    expect(o.titleInCrm()).toBe(ferryTitle);
  });
}
