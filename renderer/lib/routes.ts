import type { Screen } from '../store/app-store';

/**
 * The URL follows the screen (hash routes, so file:// and app:// work too) and
 * a reload lands where the rep was: #/contacts/42 opens that contact,
 * #/log/runs/7 that run's detail.
 */
export interface Route {
  screen: Screen;
  contactId: number | null;
  runId: number | null;
  /** the Mapping screen's connection (#/mapping/3) */
  mappingConnectionId?: number | null;
}

const SCREENS: Record<string, Screen> = { integrations: 'integrations', contacts: 'contacts', log: 'log', settings: 'settings', mapping: 'mapping', conflicts: 'conflicts' };

const id = (text: string | undefined): number | null => {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const named = SCREENS[parts[0] ?? ''] ?? 'integrations';
  // a Mapping screen without its connection is the Integrations screen
  const mappingConnectionId = named === 'mapping' ? id(parts[1]) : null;
  const screen = named === 'mapping' && mappingConnectionId === null ? 'integrations' : named;
  return {
    screen,
    ...(screen === 'mapping' ? { mappingConnectionId } : {}),
    contactId: screen === 'contacts' ? id(parts[1]) : null,
    runId: screen === 'log' && parts[1] === 'runs' ? id(parts[2]) : null,
  };
}

export function formatRoute(r: Route): string {
  if (r.screen === 'contacts' && r.contactId !== null) return `#/contacts/${r.contactId}`;
  if (r.screen === 'log' && r.runId !== null) return `#/log/runs/${r.runId}`;
  if (r.screen === 'mapping' && r.mappingConnectionId) return `#/mapping/${r.mappingConnectionId}`;
  return `#/${r.screen}`;
}
