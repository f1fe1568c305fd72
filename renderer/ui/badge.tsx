import type { ReactNode } from 'react';
import type { ConnectionHealth } from '../../preload/schemas/connection';

const HEALTH_WORDS: Record<ConnectionHealth, string> = { healthy: 'Healthy', warning: 'Needs a look', error: 'Not syncing', paused: 'Paused' };

/** A coloured dot that never stands alone: the health is also written out for everyone. */
export function StatusDot({ health }: { health: ConnectionHealth }) {
  return <span className={`dot dot-${health}`} aria-hidden="true" />;
}

export function HealthBadge({ health, children }: { health: ConnectionHealth; children?: ReactNode }) {
  return (
    <span className={`badge badge-${health}`} data-testid="health-badge" data-health={health}>
      <StatusDot health={health} />
      {children ?? HEALTH_WORDS[health]}
    </span>
  );
}

export function Badge({ tone = 'paused', children }: { tone?: ConnectionHealth; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
