import { describe, expect, it } from 'vitest';
import { parseSoql } from '../../main/sandbox/salesforce/soql';
import { pullSoql, soqlDateTime } from '../../main/crm/salesforce/pull';

describe('the Salesforce pull query', () => {
  it('starts with every record in SystemModstamp, Id order, then resumes after the last (stamp, Id) applied, ties included', () => {
    expect(pullSoql('Contact', ['Email', 'Id'], undefined)).toBe('SELECT Email, Id, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id');
    expect(pullSoql('Lead', ['Email'], { stamp: '2026-11-02T09:00:00.000+0000', id: "00QFe0000000001AAA'" }))
      .toBe("SELECT Email, Id, SystemModstamp FROM Lead WHERE (SystemModstamp = 2026-11-02T09:00:00Z AND Id > '00QFe0000000001AAA') OR SystemModstamp > 2026-11-02T09:00:00Z ORDER BY SystemModstamp, Id");
  });

  it('writes SystemModstamp as a bare UTC dateTime literal, milliseconds only when there are some', () => {
    expect(soqlDateTime('2026-11-02T10:00:00.250+0100')).toBe('2026-11-02T09:00:00.250Z');
    expect(() => soqlDateTime('yesterday')).toThrow();
  });
});

describe('the sandbox SOQL parser', () => {
  it('reads comparisons, dateTime literals, parentheses and several ORDER BY fields', () => {
    const q = parseSoql("SELECT Id FROM Contact WHERE (SystemModstamp = 2026-11-02T09:00:00Z AND Id > '003') OR SystemModstamp > 2026-11-02T09:00:00.500+01:00 ORDER BY SystemModstamp, Id DESC");
    expect(q.where).toEqual({ kind: 'or', parts: [
      { kind: 'and', parts: [{ kind: 'cond', cond: { field: 'SystemModstamp', op: 'eq', value: '2026-11-02T09:00:00Z' } }, { kind: 'cond', cond: { field: 'Id', op: 'gt', value: '003' } }] },
      { kind: 'cond', cond: { field: 'SystemModstamp', op: 'gt', value: '2026-11-02T09:00:00.500+01:00' } },
    ] });
    expect(q.orderBy).toEqual([{ field: 'SystemModstamp', desc: false }, { field: 'Id', desc: true }]);
  });

  it('refuses AND and OR mixed at one level, as Salesforce does', () => {
    expect(() => parseSoql("SELECT Id FROM Contact WHERE Email = 'a' AND Id > 'b' OR Id = 'c'")).toThrow(/parentheses/);
  });
});
