import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ConflictView } from '../../../preload/schemas/pull';
import { connectionTitle } from '../../../preload/status/connection-sentences';
import { formatCount } from '../../lib/format';
import { useStores } from '../../store/stores';
import type { ConflictFilter } from '../../store/pull-store';
import { Banner } from '../../ui/banner';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { ConflictRow } from './conflict-row';
import './conflicts.css';

const FILTER_WORDS: Record<ConflictFilter, string> = { open: 'Open', resolved: 'Resolved', all: 'All' };

/**
 * Fields that Ferry and a CRM both changed and the connection's rules left to
 * the user (rule "Ask me", or "latest wins" without comparable times). Nothing
 * was overwritten: each row holds both values until it is settled here.
 */
export function ConflictsScreen() {
  const stores = useStores();
  const conflicts = useStore(stores.pull, (s) => s.conflicts);
  const total = useStore(stores.pull, (s) => s.conflictsTotal);
  const filter = useStore(stores.pull, (s) => s.conflictFilter);
  const error = useStore(stores.pull, (s) => s.conflictsError);
  const connections = useStore(stores.connections, (s) => s.connections);

  useEffect(() => { void stores.pull.getState().loadConflicts(); }, [stores]);

  // a settled conflict may change the contact: the list and an open detail show its value now
  const settle = async (c: ConflictView, how: { take: 'ferry' | 'crm' } | { value: string }): Promise<void> => {
    await stores.pull.getState().resolve(c, how);
    void stores.contacts.getState().refresh();
    void stores.connections.getState().load();
  };
  const crmLabel = (connectionId: number): string => {
    const c = connections?.find((x) => x.id === connectionId);
    return c ? connectionTitle(c) : `Connection ${connectionId}`;
  };

  return (
    <section className="conflicts-screen stack" aria-labelledby="conflicts-title">
      <div className="screen-head">
        <div>
          <h1 id="conflicts-title">Conflicts</h1>
          <p>Fields changed both in Ferry and in a CRM since they last agreed. Nothing was overwritten: choose which value stays.</p>
        </div>
        <label className="field-inline">
          <span>Show</span>
          <select className="select" value={filter} onChange={(e) => void stores.pull.getState().loadConflicts(e.target.value as ConflictFilter)} data-testid="conflict-filter">
            {Object.entries(FILTER_WORDS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
      </div>
      {error && <Banner tone="error" title="That did not work">{error}</Banner>}
      {conflicts === null && !error && <Spinner label="Reading conflicts…" />}
      {conflicts?.length === 0 && (
        <EmptyState title={filter === 'resolved' ? 'No settled conflicts yet' : 'No conflicts'}>
          {filter === 'open' ? 'Every field that changed on both sides was settled by the rules, or by you.' : 'Conflicts you settle stay listed here.'}
        </EmptyState>
      )}
      {conflicts && conflicts.length > 0 && (
        <div className="card">
          <p className="muted small" role="status">{formatCount(total)} {FILTER_WORDS[filter].toLowerCase()} {total === 1 ? 'conflict' : 'conflicts'}</p>
          <Table caption="Conflicts" testId="conflicts-table" head={<tr><th scope="col">Contact</th><th scope="col">Field</th><th scope="col">Ferry's value</th><th scope="col">The CRM's value</th><th scope="col">Settle</th></tr>}>
            {conflicts.map((c) => (
              <ConflictRow key={c.id} c={c} crmLabel={crmLabel(c.connectionId)} onResolve={(how) => settle(c, how)} />
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
