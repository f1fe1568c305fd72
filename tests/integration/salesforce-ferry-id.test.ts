/**
 * Ferry_Id__c is the prerequisite for contacts without e-mail: without it a lost
 * answer would create them again. Ferry says so, and can add the field through the
 * Tooling API when its user may customize the org.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NEEDS_FERRY_ID } from '../../main/crm/salesforce';
import { syncError } from '../support/sync-error';
import { contact, harness, item, type Harness } from './salesforce-helpers';

let h: Harness;
afterEach(async () => { await h.sandbox.close(); });

describe('Salesforce Ferry_Id__c prerequisite', () => {
  it('a contact without e-mail is held with a sentence, not created unkeyed, in an org without Ferry_Id__c', async () => {
    h = await harness('Contact', { schema: { ferryIdField: false } });
    const [result] = await h.connector.push([item(contact(1, { emails: [] }), 'Contact')], h.rec.ctx);
    expect(result).toMatchObject({ outcome: 'rejected', message: NEEDS_FERRY_ID });
    expect(h.sandbox.admin.records('Contact')).toHaveLength(0);
  });

  it('adds Ferry_Id__c when the user may customize the org; then a resend never duplicates', async () => {
    h = await harness('Contact', { schema: { ferryIdField: false } });
    await h.connector.prepare(h.rec.ctx);
    const added = await h.connector.addFerryIdField(h.rec.ctx);
    expect(added.created).toEqual(['Contact', 'Lead']);
    const noEmail = contact(2, { emails: [] });
    const payload = h.connector.map(noEmail, h.conn);
    const [first] = await h.connector.push([{ ...item(noEmail, 'Contact'), payload }], h.rec.ctx);
    const [again] = await h.connector.push([{ ...item(noEmail, 'Contact'), payload }], h.rec.ctx);
    expect(first?.outcome).toBe('created');
    expect(again?.outcome).toBe('updated');
    expect(h.sandbox.admin.records('Contact')).toHaveLength(1);
  });

  it('says to ask an admin when the user may not add fields', async () => {
    h = await harness('Contact', { schema: { ferryIdField: false } });
    h.sandbox.admin.setCanCustomize(false);
    const error = await syncError(h.connector.addFerryIdField(h.rec.ctx));
    expect(error.kind).toBe('permission');
    expect(error.message).toMatch(/Customize Application/);
  });
});
