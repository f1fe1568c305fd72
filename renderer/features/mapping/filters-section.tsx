import { useEffect, useState } from 'react';
import type { FilterView } from '../../../preload/schemas/filter';
import { LOCKED_SUBJECTS } from '../../../preload/schemas/policy';
import { errorMessage, formatCount, plural } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/spinner';
import { LockedSetting } from '../integrations/locked-setting';
import { filterSummary, keptSentence } from './filter-words';
import { FiltersDialog } from './filters-dialog';

/** The Mapping screen's "Filters": which contacts the connection sends, how many match, and the way to change it. */
export function FiltersSection({ connectionId, crmName, onChanged }: { connectionId: number; crmName: string; onChanged: () => void }) {
  const { client } = useStores();
  const [view, setView] = useState<FilterView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let live = true;
    client.getFilter({ connectionId }).then((v) => { if (live) setView(v); }, (e: unknown) => { if (live) setError(errorMessage(e)); });
    return () => { live = false; };
  }, [client, connectionId]);

  return (
    <section className="card stack" aria-labelledby="mapping-filters-title" data-slot="filters">
      <div className="row">
        <h2 id="mapping-filters-title">Filters</h2>
        <span className="spacer" />
        {view && (view.locked
          ? <LockedSetting label="What is sent" subject={LOCKED_SUBJECTS.filter(crmName)} />
          : <Button onClick={() => setEditing(true)}>Edit filters</Button>)}
      </div>
      {error && <p className="action-error" role="alert">{error}</p>}
      {!view && !error && <Spinner label="Reading the filter…" />}
      {view && (
        <>
          <p data-testid="filter-summary">{filterSummary(view.filter, crmName)}</p>
          <p data-testid="filter-matching">{formatCount(view.matching)} of {formatCount(view.total)} contacts match now; {plural(view.pending, 'change')} wait{view.pending === 1 ? 's' : ''} to be sent.</p>
          <p className="muted">{keptSentence(crmName)}</p>
        </>
      )}
      {editing && view && (
        <FiltersDialog view={view} crmName={crmName} onClose={() => setEditing(false)}
          onSaved={(v) => { setView(v); setEditing(false); onChanged(); }} />
      )}
    </section>
  );
}
