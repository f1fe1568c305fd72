import type { ConnectionStatus } from '../store/connections';

/**
 * The connection status state machine. Anything not in this table is a bug
 * (e.g. a run starting on a paused connection) and is refused.
 */
const TRANSITIONS: Record<ConnectionStatus, readonly ConnectionStatus[]> = {
  connected: ['syncing', 'paused', 'needs_reauth', 'waiting_for_network', 'error', 'disconnected'],
  syncing: ['connected', 'paused', 'needs_reauth', 'waiting_for_network', 'error', 'disconnected'],
  waiting_for_network: ['syncing', 'connected', 'paused', 'error', 'needs_reauth', 'disconnected'],
  error: ['syncing', 'connected', 'paused', 'needs_reauth', 'waiting_for_network', 'disconnected'],
  // a paused connection is resumed by a person; a run never starts on it
  paused: ['connected', 'needs_reauth', 'disconnected'],
  // only reconnecting (new credentials) or disconnecting leaves this state
  needs_reauth: ['connected', 'disconnected'],
  disconnected: ['connected'],
};

export function canTransition(from: ConnectionStatus, to: ConnectionStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Statuses in which the scheduler may start a run. */
export function isRunnable(status: ConnectionStatus): boolean {
  return status === 'connected' || status === 'syncing' || status === 'waiting_for_network' || status === 'error';
}

export type Health = 'healthy' | 'warning' | 'error' | 'paused';

/** The traffic light the UI and tray show for a status. */
export function healthOf(status: ConnectionStatus): Health {
  switch (status) {
    case 'connected':
    case 'syncing':
      return 'healthy';
    case 'waiting_for_network':
      return 'warning';
    case 'paused':
    case 'disconnected':
      return 'paused';
    case 'needs_reauth':
    case 'error':
      return 'error';
  }
}
