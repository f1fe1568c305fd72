/**
 * Field-level security can hide or lock standard fields per profile. A hidden field
 * in a collection fails the whole request, so Ferry checks describe's createable and
 * updateable for every field it writes and moves what it may not write to the
 * "From Ferry" block in Description.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contact, harness, item, type Harness } from './salesforce-helpers';

let h: Harness;
afterEach(async () => { await h.sandbox.close(); });

const phones = [{ raw: '+1 415 555 0100', e164: '+14155550100' }, { raw: '+1 415 555 0199', e164: '+14155550199', label: 'home' }];

describe('Salesforce field-level security', () => {
  it('a HomePhone hidden from Ferry\'s profile goes to the block, and the contact is created', async () => {
    h = await harness('Contact');
    h.sandbox.admin.hideField('Contact', 'HomePhone');
    await h.connector.prepare(h.rec.ctx);
    const c = contact(1, { phones });
    const [result] = await h.connector.push([{ ...item(c, 'Contact'), payload: h.connector.map(c, h.conn) }], h.rec.ctx);
    expect(result?.outcome).toBe('created');
    const [record] = h.sandbox.admin.records('Contact');
    expect(record?.fields.HomePhone).toBeUndefined();
    expect(record?.fields.Phone).toBe('+14155550100');
    expect(record?.fields.Description).toContain('Home phone: +14155550199');
  });

  it('a read-only Title (visible, not editable) goes to the block too, instead of rejecting the contact', async () => {
    h = await harness('Contact');
    h.sandbox.admin.lockField('Contact', 'Title');
    await h.connector.prepare(h.rec.ctx);
    const c = contact(2);
    const [result] = await h.connector.push([{ ...item(c, 'Contact'), payload: h.connector.map(c, h.conn) }], h.rec.ctx);
    expect(result?.outcome).toBe('created');
    expect(h.sandbox.admin.records('Contact')[0]?.fields.Description).toContain('Title: Buyer');
  });
});
