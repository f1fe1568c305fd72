import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../renderer/lib/routes';

describe('routes', () => {
  it('round-trips every screen, a contact and a run', () => {
    for (const hash of ['#/integrations', '#/contacts', '#/contacts/42', '#/log', '#/log/runs/7', '#/settings']) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
  it('falls back to Integrations for an empty or unknown hash, and ignores bad ids', () => {
    expect(parseRoute('')).toEqual({ screen: 'integrations', contactId: null, runId: null });
    expect(parseRoute('#/nowhere')).toMatchObject({ screen: 'integrations' });
    expect(parseRoute('#/contacts/abc')).toEqual({ screen: 'contacts', contactId: null, runId: null });
  });
});
