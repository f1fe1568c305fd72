import { describe, expect, it } from 'vitest';
import { isPhoneRegion, phoneRegions, phoneWarning } from '../../preload/phone';

describe('phone regions and warnings', () => {
  it('lists every region by name, so "Germany" is DE and never GE (Georgia)', () => {
    const regions = phoneRegions('en');
    expect(regions.find((r) => r.name === 'Germany')).toEqual({ code: 'DE', name: 'Germany', callingCode: '+49' });
    expect(regions.find((r) => r.code === 'GE')?.name).toBe('Georgia');
    expect(regions.length).toBeGreaterThan(200);
    expect(isPhoneRegion('DE')).toBe(true);
    expect(isPhoneRegion('XX')).toBe(false);
  });

  it('warns about a number that is not valid, and not about one that is', () => {
    expect(phoneWarning('+1 202 555 0123', 'US', 'the United States')).toBeNull();
    expect(phoneWarning('030 901820', 'DE', 'Germany')).toBeNull();
    expect(phoneWarning('12345', 'US', 'the United States')).toMatch(/not a valid phone number in the United States/);
    expect(phoneWarning('+49 1', 'US', 'the United States')).toMatch(/after the country code/);
    expect(phoneWarning('  ', 'US', 'the United States')).toBeNull();
  });
});
