import { useEffect, useState } from 'react';
import { contactFilterSchema, FILTER_FIELDS, type ContactFilter, type FieldRule, type FilterCountView, type FilterView } from '../../../preload/schemas/filter';
import { errorMessage, formatCount } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { keptSentence } from './filter-words';

/**
 * Which contacts a connection sends, edited as a draft: tags (any, all, none
 * of), field conditions, created or changed after a day. The draft is checked
 * with the contract's own filter schema and counted against the card's contacts
 * as it changes; nothing is stored until Save (setFilter re-plans in main).
 */

interface Draft {
  anyTags: string;
  allTags: string;
  noneTags: string;
  fields: FieldRule[];
  createdAfter: string;
  changedAfter: string;
}

const OPS: Record<FieldRule['op'], string> = { equals: 'is', contains: 'contains', notEmpty: 'is not empty', empty: 'is empty' };
const needsValue = (op: FieldRule['op']): boolean => op === 'equals' || op === 'contains';
/** A day shows in a date picker; an instant someone set elsewhere (2026-01-31T09:00:00Z) stays editable as text, never silently dropped. */
const dayInput = (value: string): 'date' | 'text' => (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'text');
const tagList = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean);

function toDraft(f: ContactFilter): Draft {
  return {
    anyTags: (f.tags ?? []).join(', '), allTags: (f.allTags ?? []).join(', '), noneTags: (f.excludeTags ?? []).join(', '),
    fields: f.fields ?? [], createdAfter: f.createdAfter ?? '', changedAfter: f.changedAfter ?? '',
  };
}

/** The draft as the contract's filter, or the schema's first complaint in words. */
function toFilter(d: Draft): { filter: ContactFilter } | { problem: string } {
  const raw = {
    ...(tagList(d.anyTags).length ? { tags: tagList(d.anyTags) } : {}),
    ...(tagList(d.allTags).length ? { allTags: tagList(d.allTags) } : {}),
    ...(tagList(d.noneTags).length ? { excludeTags: tagList(d.noneTags) } : {}),
    ...(d.fields.length ? { fields: d.fields.map((r) => (needsValue(r.op) ? r : { field: r.field, op: r.op })) } : {}),
    ...(d.createdAfter ? { createdAfter: d.createdAfter } : {}),
    ...(d.changedAfter ? { changedAfter: d.changedAfter } : {}),
  };
  const parsed = contactFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `${issue?.path.length ? `${issue.path.join(' ')}: ` : ''}${issue?.message ?? 'check the rules'}` };
}

function FieldRuleRow({ rule, index, onChange, onRemove }: { rule: FieldRule; index: number; onChange: (r: FieldRule) => void; onRemove: () => void }) {
  const n = index + 1;
  const known = (FILTER_FIELDS as readonly string[]).includes(rule.field);
  return (
    <li className="row filter-rule" data-testid="filter-rule">
      <select className="select" aria-label={`Condition ${n}: field`} value={known ? rule.field : 'custom'}
        onChange={(e) => onChange({ ...rule, field: e.target.value === 'custom' ? 'custom.' : e.target.value })}>
        {FILTER_FIELDS.map((f) => <option key={f} value={f}>{f}</option>)}
        <option value="custom">custom field…</option>
      </select>
      {!known && <input className="input" aria-label={`Condition ${n}: custom field name`} placeholder="Name" value={rule.field.slice('custom.'.length)}
        onChange={(e) => onChange({ ...rule, field: `custom.${e.target.value}` })} />}
      <select className="select" aria-label={`Condition ${n}: test`} value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as FieldRule['op'] })}>
        {Object.entries(OPS).map(([op, words]) => <option key={op} value={op}>{words}</option>)}
      </select>
      {needsValue(rule.op) && <input className="input" aria-label={`Condition ${n}: value`} value={rule.value ?? ''} onChange={(e) => onChange({ ...rule, value: e.target.value })} />}
      <Button size="small" onClick={onRemove} aria-label={`Remove condition ${n}`}>Remove</Button>
    </li>
  );
}

export function FiltersDialog({ view, crmName, onSaved, onClose }: { view: FilterView; crmName: string; onSaved: (v: FilterView) => void; onClose: () => void }) {
  const { client } = useStores();
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.filter));
  const [count, setCount] = useState<FilterCountView | null>({ matching: view.matching, total: view.total });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checked = toFilter(draft);
  const key = 'filter' in checked ? JSON.stringify(checked.filter) : null;

  // Count the draft against the card's contacts; a later draft's answer wins.
  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    setCount(null);
    client.previewFilter({ connectionId: view.connectionId, filter: JSON.parse(key) as ContactFilter })
      .then((c) => { if (live) setCount(c); }, (e: unknown) => { if (live) setError(errorMessage(e)); });
    return () => { live = false; };
  }, [client, view.connectionId, key]);

  const patch = (p: Partial<Draft>): void => setDraft((d) => ({ ...d, ...p }));
  const save = async (): Promise<void> => {
    if (!('filter' in checked)) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await client.setFilter({ connectionId: view.connectionId, filter: checked.filter }));
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog wide title={`Which contacts go to ${crmName}`} onClose={onClose}
      footer={<>
        <Button onClick={() => setDraft(toDraft({}))} disabled={saving}>Send everyone</Button>
        <span className="spacer" />
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" busy={saving} disabled={!('filter' in checked)} onClick={() => void save()}>Save filter</Button>
      </>}>
      <form className="stack filters-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <fieldset className="stack">
          <legend>Tags <span className="muted">(comma-separated, any case)</span></legend>
          <Field label="Only contacts with any of these tags" value={draft.anyTags} onChange={(e) => patch({ anyTags: e.target.value })} placeholder="customer, partner" />
          <Field label="Only contacts with all of these tags" value={draft.allTags} onChange={(e) => patch({ allTags: e.target.value })} />
          <Field label="Never contacts with any of these tags" value={draft.noneTags} onChange={(e) => patch({ noneTags: e.target.value })} placeholder="private" />
        </fieldset>
        <fieldset className="stack">
          <legend>Field conditions <span className="muted">(every one must hold)</span></legend>
          {draft.fields.length === 0 && <p className="muted">No field conditions.</p>}
          <ul className="filter-rules">
            {draft.fields.map((rule, i) => (
              <FieldRuleRow key={i} rule={rule} index={i}
                onChange={(r) => patch({ fields: draft.fields.map((x, j) => (j === i ? r : x)) })}
                onRemove={() => patch({ fields: draft.fields.filter((_, j) => j !== i) })} />
            ))}
          </ul>
          <div><Button size="small" onClick={() => patch({ fields: [...draft.fields, { field: 'company', op: 'equals', value: '' }] })}>Add condition</Button></div>
        </fieldset>
        <fieldset className="row">
          <legend>Dates</legend>
          <Field type={dayInput(draft.createdAfter)} label="Added on or after" value={draft.createdAfter} onChange={(e) => patch({ createdAfter: e.target.value })} />
          <Field type={dayInput(draft.changedAfter)} label="Changed on or after" value={draft.changedAfter} onChange={(e) => patch({ changedAfter: e.target.value })} />
        </fieldset>
      </form>
      <div aria-live="polite" className="stack">
        {'problem' in checked
          ? <p className="field-error" data-testid="filter-problem">Not saved yet: {checked.problem}.</p>
          : <p data-testid="filter-count">{count === null ? 'Counting…' : `${formatCount(count.matching)} of ${formatCount(count.total)} contacts match now.`}</p>}
        <p className="muted">{keptSentence(crmName)}</p>
      </div>
      {error && <Banner tone="error" title="The filter was not saved">{error}</Banner>}
    </Dialog>
  );
}
