import { describe, expect, it } from 'vitest';
import { upsertBody, type DynamicsColumn } from '../../main/crm/dynamics/field-schema';
import { wireValue as mailchimpWire } from '../../main/crm/mailchimp/field-schema';
import { wireValue as pipedriveWire } from '../../main/crm/pipedrive/field-schema';
import { personBody } from '../../main/crm/pipedrive/person-body';
import { wireValue as zohoWire, fieldViews as zohoViews } from '../../main/crm/zoho/field-schema';

/** How a mapped value (always text in the payload) is written on each newer destination's wire. */
describe('mapped values in the JSON type each CRM field takes', () => {
  it('Zoho CRM: numbers, booleans, multi-select arrays, dates from epoch ms, date-times with an offset', () => {
    expect(zohoWire({ api_name: 'N', data_type: 'integer' }, '42')).toBe(42);
    expect(zohoWire({ api_name: 'B', data_type: 'boolean' }, 'false')).toBe(false);
    expect(zohoWire({ api_name: 'M', data_type: 'multiselectpicklist' }, 'Red;Blue')).toEqual(['Red', 'Blue']);
    expect(zohoWire({ api_name: 'D', data_type: 'date' }, String(Date.UTC(2024, 4, 1)))).toBe('2024-05-01');
    expect(zohoWire({ api_name: 'T', data_type: 'datetime' }, '2024-05-01T11:30:00.000Z')).toBe('2024-05-01T11:30:00+00:00');
    expect(zohoWire(undefined, 'text')).toBe('text');
  });

  it('Zoho CRM: lookups and formulas are listed but not writable; "-None-" is not an option', () => {
    const views = zohoViews([
      { api_name: 'Account_Name', data_type: 'lookup' },
      { api_name: 'Lead_Source', data_type: 'picklist', pick_list_values: [{ actual_value: '-None-' }, { actual_value: 'Web', display_value: 'Web' }] },
      { api_name: 'Locked', data_type: 'text', field_read_only: true },
    ]);
    expect(views.find((v) => v.name === 'Account_Name')?.writable).toBe(false);
    expect(views.find((v) => v.name === 'Lead_Source')?.options).toEqual([{ value: 'Web', label: 'Web' }]);
    expect(views.find((v) => v.name === 'Locked')?.writable).toBe(false);
  });

  it('Dynamics 365: choices and numbers as numbers, multi-select values joined by commas, an emptied mapped column as null; its own columns untouched', () => {
    const columns: Record<string, DynamicsColumn> = {
      gendercode: { name: 'gendercode', label: 'Gender', type: 'enumeration', wire: 'choice', writable: true },
      new_interests: { name: 'new_interests', label: 'Interests', type: 'multiselect', wire: 'choices', writable: true },
      annualincome: { name: 'annualincome', label: 'Income', type: 'number', wire: 'decimal', writable: true },
      new_note: { name: 'new_note', label: 'Note', type: 'string', wire: 'text', writable: true },
    };
    const body = upsertBody({ lastname: 'Lovelace', jobtitle: null, gendercode: '2', new_interests: '1;3', annualincome: '1200.5', new_note: '' }, (n) => columns[n]);
    expect(body).toEqual({ lastname: 'Lovelace', jobtitle: null, gendercode: 2, new_interests: '1,3', annualincome: 1200.5, new_note: null });
  });

  it('Pipedrive: option ids as numbers, a set as an array of ids, a cleared field as null; moved e-mails and phones are not sent', () => {
    expect(pipedriveWire({ field_code: 'e', field_name: 'E', field_type: 'enum' }, '12')).toBe(12);
    expect(pipedriveWire({ field_code: 's', field_name: 'S', field_type: 'set' }, '12;14')).toEqual([12, 14]);
    expect(pipedriveWire({ field_code: 'v', field_name: 'V', field_type: 'varchar' }, '')).toBeNull();
    const body = personBody({ name: 'Ada', ferryId: 'u1', details: '', abc: '5' }, { ferryId: 'fid', details: 'det' }, (_k, t) => Number(t));
    expect(body).toEqual({ name: 'Ada', custom_fields: { abc: 5, fid: 'u1', det: null } });
  });

  it('Mailchimp: a number merge field takes a number; \'\' still clears', () => {
    expect(mailchimpWire({ name: 'SEATS', label: 'Seats', type: 'number', writable: true }, '12')).toBe(12);
    expect(mailchimpWire({ name: 'SEATS', label: 'Seats', type: 'number', writable: true }, '')).toBe('');
  });
});
