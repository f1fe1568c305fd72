import { useEffect } from 'react';
import { formatRoute, parseRoute, type Route } from '../lib/routes';
import type { Stores } from '../store/stores';

function currentRoute(s: Stores): Route {
  const screen = s.app.getState().screen;
  return {
    screen,
    contactId: screen === 'contacts' ? s.contacts.getState().selectedId : null,
    runId: screen === 'log' ? s.log.getState().openRunId : null,
    mappingConnectionId: screen === 'mapping' ? s.app.getState().mappingConnectionId : null,
  };
}

function applyRoute(s: Stores, r: Route): void {
  if (r.screen === 'mapping' && r.mappingConnectionId) {
    if (s.app.getState().screen !== 'mapping' || s.app.getState().mappingConnectionId !== r.mappingConnectionId) s.app.getState().openMapping(r.mappingConnectionId);
    return;
  }
  if (s.app.getState().screen !== r.screen) s.app.getState().navigate(r.screen);
  if (r.screen === 'contacts' && r.contactId !== null && s.contacts.getState().selectedId !== r.contactId) void s.contacts.getState().select(r.contactId);
  if (r.screen === 'log' && s.log.getState().openRunId !== r.runId) s.log.getState().openRun(r.runId);
}

/**
 * Keeps the address and the stores in step, both ways: the hash follows the
 * screen, the open contact and the open run; a reload, a deep link or Back
 * brings the screen back.
 */
export function useRouter(s: Stores): void {
  useEffect(() => {
    /** the address as the router last read or wrote it */
    let known = window.location.hash;
    const follow = (): void => {
      known = window.location.hash;
      applyRoute(s, parseRoute(known));
    };
    follow();
    /**
     * A move to another screen is a history entry (Back returns); spelling out the landing address is not.
     * Invariant: the address is never overwritten with a screen the rep has just left. A link or Back
     * changes the address at once and fires hashchange later; a store change in between follows the
     * new address instead of writing the old screen back over it.
     */
    const write = (replace = false): void => {
      if (window.location.hash !== known) return follow();
      const hash = formatRoute(currentRoute(s));
      known = hash;
      if (window.location.hash === hash) return;
      if (replace) window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
    };
    const offs = [s.app.subscribe(() => write()), s.contacts.subscribe(() => write()), s.log.subscribe(() => write())];
    window.addEventListener('hashchange', follow);
    write(true);
    return () => {
      for (const off of offs) off();
      window.removeEventListener('hashchange', follow);
    };
  }, [s]);
}
