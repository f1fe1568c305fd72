/**
 * The Dataverse sandbox's $filter subset and SQL Server's order of
 * uniqueidentifiers, which the pull's `contactid gt <last id>` relies on the
 * server for (the connector never compares ids itself).
 */
import { describe, expect, it } from 'vitest';
import { compareGuids, matches, parseFilter } from '../../main/sandbox/dynamics/filter';
import { DataverseError } from '../../main/sandbox/dynamics/wire';

describe('Dataverse sandbox $filter', () => {
  const row = (values: Record<string, string | null>) => (column: string): string | null => values[column] ?? null;

  it('evaluates the pull keyset filter: later seconds, or the same second after the last id', () => {
    const f = parseFilter('statecode eq 0 and (modifiedon gt 2026-11-02T09:00:00Z or (modifiedon eq 2026-11-02T09:00:00Z and contactid gt 00000000-0000-0000-0000-000000000002))');
    const at = (modifiedon: string, contactid: string, statecode = '0') => matches(f, row({ modifiedon, contactid, statecode }));
    expect(at('2026-11-02T09:00:01Z', '00000000-0000-0000-0000-000000000001')).toBe(true);
    expect(at('2026-11-02T09:00:00Z', '00000000-0000-0000-0000-000000000003')).toBe(true);
    expect(at('2026-11-02T09:00:00Z', '00000000-0000-0000-0000-000000000002')).toBe(false);
    expect(at('2026-11-02T08:59:59Z', '00000000-0000-0000-0000-000000000009')).toBe(false);
    expect(at('2026-11-02T09:00:01Z', '00000000-0000-0000-0000-000000000001', '1')).toBe(false);
  });

  it('refuses what it cannot parse, as OData does (400)', () => {
    expect(() => parseFilter('modifiedon gt')).toThrow(DataverseError);
    expect(() => parseFilter('modifiedon between 1 and 2')).toThrow(DataverseError);
    expect(() => parseFilter('(modifiedon gt 2026-11-02T09:00:00Z')).toThrow(DataverseError);
  });

  it('orders uniqueidentifiers as SQL Server does: the last byte group first, not as text', () => {
    const lowLast = 'ffffffff-ffff-ffff-ffff-000000000001';
    const highLast = '00000000-0000-0000-0000-000000000002';
    expect(compareGuids(lowLast, highLast)).toBeLessThan(0);
    expect(lowLast > highLast).toBe(true);
    // the first group is stored little-endian, so it is compared from its last pair of digits
    expect(compareGuids('01000000-0000-0000-0000-000000000000', '00000001-0000-0000-0000-000000000000')).toBeLessThan(0);
    expect(compareGuids('AbCdEf01-0000-0000-0000-000000000000', 'abcdef01-0000-0000-0000-000000000000')).toBe(0);
  });
});
