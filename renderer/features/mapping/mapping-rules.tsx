import { useState } from 'react';
import type { MappingView, Routing, ValueRule } from '../../../preload/schemas/mapping';
import { Button } from '../../ui/button';

/** Value rules (tag → CRM field = value, e.g. lifecycle stage) and, for Salesforce, Lead-or-Contact routing. */
export function MappingRules({ view, onRules }: { view: MappingView; onRules: (rules: ValueRule[] | undefined, routing?: Routing | null) => void }) {
  const [tag, setTag] = useState('');
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const [routeTag, setRouteTag] = useState('');
  const [object, setObject] = useState<'Contact' | 'Lead'>('Contact');
  const enumFields = (view.crmFields ?? []).filter((f) => f.writable && f.type === 'enumeration');
  const chosen = enumFields.find((f) => f.name === field);
  const when = (w: ValueRule['when']): string => ('tag' in w ? `tag “${w.tag}”` : `${w.field} is “${w.equals}”`);
  return (
    <section className="card stack" aria-labelledby="mapping-rules-title">
      <h2 id="mapping-rules-title">Rules</h2>
      <ul className="mapping-rule-list">
        {view.rules.map((r, i) => (
          <li key={i}>When {when(r.when)}: {Object.entries(r.set).map(([k, v]) => `${k} = ${v}`).join(', ')}{' '}
            <Button size="small" disabled={view.locked} onClick={() => onRules(view.rules.filter((_, j) => j !== i))}>Remove</Button></li>
        ))}
        {view.rules.length === 0 && <li className="muted">No rules: fields are sent as mapped above.</li>}
      </ul>
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (tag && field && value) onRules([...view.rules, { when: { tag }, set: { [field]: value } }]); }}>
        <input className="input" aria-label="Rule: tag" placeholder="tag, e.g. customer" value={tag} onChange={(e) => setTag(e.target.value)} disabled={view.locked} />
        {view.crmFields
          ? <select className="select" aria-label="Rule: CRM field" value={field} onChange={(e) => { setField(e.target.value); setValue(''); }} disabled={view.locked}>
              <option value="">CRM field…</option>{enumFields.map((f) => <option key={f.name} value={f.name}>{f.label} ({f.name})</option>)}
            </select>
          : <input className="input" aria-label="Rule: field" placeholder="field" value={field} onChange={(e) => setField(e.target.value)} disabled={view.locked} />}
        {chosen?.options?.length
          ? <select className="select" aria-label="Rule: value" value={value} onChange={(e) => setValue(e.target.value)} disabled={view.locked}>
              <option value="">value…</option>{chosen.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          : <input className="input" aria-label="Rule: value" placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} disabled={view.locked} />}
        <Button type="submit" disabled={view.locked || !tag || !field || !value}>Add rule</Button>
      </form>
      {view.canRoute && (
        <div className="stack">
          <h3>Lead or Contact</h3>
          <p data-testid="routing-summary">{view.routing
            ? `${view.routing.rules.map((r) => `${when(r.when)} → ${r.object}`).join('; ')}; everyone else → ${view.routing.otherwise}. A contact already in Salesforce stays the record it is.`
            : 'Every contact goes to the object this connection writes.'}</p>
          <form className="row" onSubmit={(e) => {
            e.preventDefault();
            if (!routeTag) return;
            const other = object === 'Contact' ? 'Lead' : 'Contact';
            onRules(undefined, { rules: [...(view.routing?.rules ?? []), { when: { tag: routeTag }, object }], otherwise: view.routing?.otherwise ?? other });
          }}>
            <input className="input" aria-label="Routing: tag" placeholder="tag, e.g. customer" value={routeTag} onChange={(e) => setRouteTag(e.target.value)} disabled={view.locked} />
            <select className="select" aria-label="Routing: object" value={object} onChange={(e) => setObject(e.target.value as 'Contact' | 'Lead')} disabled={view.locked}>
              <option value="Contact">→ Contact</option><option value="Lead">→ Lead</option>
            </select>
            <Button type="submit" disabled={view.locked || !routeTag}>Add routing rule</Button>
            {view.routing && <Button disabled={view.locked} onClick={() => onRules(undefined, null)}>No routing</Button>}
          </form>
        </div>
      )}
    </section>
  );
}
