import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { EVENT_OUTCOMES, isSetAsideFilter, SET_ASIDE_OUTCOMES, type EventOutcome } from '../../../preload/schemas/sync-log';
import { OUTCOME_WORDS } from '../../../preload/status/run-sentences';
import { useStores } from '../../store/stores';
import { EMPTY_FILTER } from '../../store/sync-log-store';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Select } from '../../ui/select';


const SEARCH_DEBOUNCE_MS = 300;

/** Filters shared by runs and records (connection, dates, words); every change reloads the log. */
export function LogFilters() {
  const stores = useStores();
  const filter = useStore(stores.log, (s) => s.filter);
  const setFilter = useStore(stores.log, (s) => s.setFilter);
  const connections = useStore(stores.connections, (s) => s.connections) ?? [];
  const [text, setText] = useState(filter.query);

  useEffect(() => { setText(filter.query); }, [filter.query]);
  useEffect(() => {
    if (text === stores.log.getState().filter.query) return undefined;
    const t = setTimeout(() => { void setFilter({ query: text }); }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, setFilter, stores]);

  return (
    <div className="log-filters card" role="search" aria-label="Filter the sync log">
      <Field label="Search the log" type="search" placeholder="A contact, a CRM message, HTTP 503…" value={text} onChange={(e) => setText(e.target.value)} fieldClassName="log-search" />
      <Select label="Connection" value={filter.connectionId === null ? 'all' : String(filter.connectionId)}
        options={[{ value: 'all', label: 'All connections' }, ...connections.map((c) => ({ value: String(c.id), label: c.label }))]}
        onChange={(v) => void setFilter({ connectionId: v === 'all' ? null : Number(v) })} />
      <Field label="From" type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => void setFilter({ from: e.target.value })} />
      <Field label="To" type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => void setFilter({ to: e.target.value })} />
      {filter.contactId !== null && (
        <div className="field">
          <span className="field-label">Contact</span>
          <span className="chip">{filter.contactName ?? `#${filter.contactId}`}
            <Button size="small" variant="ghost" aria-label="Show every contact" onClick={() => void setFilter({ contactId: null, contactName: null })}>✕</Button>
          </span>
        </div>
      )}
      {filter.contactIds !== null && (
        <div className="field">
          <span className="field-label">Records</span>
          <span className="chip" data-testid="records-filter">{filter.contactIds.length === 1 ? 'The record set aside' : `The ${filter.contactIds.length} records set aside`}
            <Button size="small" variant="ghost" aria-label="Show every record" onClick={() => void setFilter({ contactIds: null })}>✕</Button>
          </span>
        </div>
      )}
      <Button className="clear-filters" onClick={() => { setText(''); void setFilter(EMPTY_FILTER); }}>Clear filters</Button>
    </div>
  );
}

/** The outcome filter sits with the records it filters. */
export function OutcomeFilter() {
  const stores = useStores();
  const filter = useStore(stores.log, (s) => s.filter);
  // 'set_aside': every outcome that leaves a contact set aside (the card's "Show the records")
  const outcome = isSetAsideFilter(filter.outcomes) ? 'set_aside' : filter.outcomes.length === 1 ? filter.outcomes[0]! : 'all';
  return (
    <Select<EventOutcome | 'all' | 'set_aside'> label="Record outcome" value={outcome} fieldClassName="inline-filter"
      options={[{ value: 'all', label: 'All outcomes' }, { value: 'set_aside', label: 'Set aside (any reason)' }, ...EVENT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_WORDS[o] }))]}
      onChange={(v) => void stores.log.getState().setFilter({ outcomes: v === 'all' ? [] : v === 'set_aside' ? [...SET_ASIDE_OUTCOMES] : [v] })} />
  );
}
