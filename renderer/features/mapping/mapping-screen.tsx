import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { FieldRule, MappingPreviewView, MappingRowView, MappingView, Transform, WritePolicy } from '../../../preload/schemas/mapping';
import { errorMessage } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { FiltersSection } from './filters-section';
import { MappingRules } from './mapping-rules';
import { DirectionAndRules } from '../pull/direction-rules';
import { TestSyncDialog } from './test-sync-dialog';
import './mapping.css';

/**
 * One connection's field mapping: each Ferry field → a CRM field chosen from the
 * CRM's own list, with its type, a transform and a write policy; value rules and
 * (Salesforce) routing; a live preview on three contacts. Every change goes
 * through main, which checks it against the CRM and the admin's policy.
 * Filters (which contacts are sent) and Test sync (a few first, read back) sit here too.
 */
const POLICY_LABELS: Record<WritePolicy, string> = { overwrite: 'Always overwrite', fill_if_empty: 'Fill only if empty', create_only: 'Never overwrite after create' };

/** The common one-step transforms the grid offers; anything else is set with `ferry mapping set --transform`. */
const TRANSFORMS: Record<string, { label: string; transforms: Transform[] }> = {
  none: { label: 'As typed', transforms: [] },
  trim: { label: 'Trim spaces', transforms: [{ kind: 'trim' }] },
  upper: { label: 'UPPER CASE', transforms: [{ kind: 'case', to: 'upper' }] },
  lower: { label: 'lower case', transforms: [{ kind: 'case', to: 'lower' }] },
  title: { label: 'Title Case', transforms: [{ kind: 'case', to: 'title' }] },
  e164: { label: 'Phone: E.164', transforms: [{ kind: 'phone', format: 'e164' }] },
  national: { label: 'Phone: national', transforms: [{ kind: 'phone', format: 'national' }] },
  date: { label: 'Date: YYYY-MM-DD', transforms: [{ kind: 'date', format: 'date' }] },
  datetime: { label: 'Date and time (UTC)', transforms: [{ kind: 'date', format: 'datetime' }] },
};
const transformKey = (ts: Transform[]): string => Object.entries(TRANSFORMS).find(([, t]) => JSON.stringify(t.transforms) === JSON.stringify(ts))?.[0] ?? 'custom';

const DEFAULT = '__default';
const NOT_SENT = '__none';

function TargetCell({ row, view, onChange }: { row: MappingRowView; view: MappingView; onChange: (rule: FieldRule) => void }) {
  const label = `CRM field for ${row.ferryField}`;
  if (row.fixed) return <span title="Ferry matches records on it">{row.defaultTarget}</span>;
  const current = !row.custom || row.target === row.defaultTarget ? DEFAULT : row.target === null ? NOT_SENT : row.target;
  if (!view.crmFields) {
    return <input className="input" aria-label={label} defaultValue={current === DEFAULT ? '' : current === NOT_SENT ? '' : current} placeholder={row.defaultTarget}
      onBlur={(e) => { const v = e.target.value.trim(); if (v && v !== current) onChange({ target: v }); }} />;
  }
  return (
    <select className="select" aria-label={label} value={current} onChange={(e) => onChange(e.target.value === DEFAULT ? {} : { target: e.target.value === NOT_SENT ? null : e.target.value })}>
      <option value={DEFAULT}>Default: {row.defaultTarget}</option>
      <option value={NOT_SENT}>Don't send</option>
      {current !== DEFAULT && current !== NOT_SENT && !view.crmFields.some((f) => f.name === current) && <option value={current}>{current} (missing)</option>}
      {view.crmFields.filter((f) => f.writable).map((f) => <option key={f.name} value={f.name}>{f.label} ({f.name})</option>)}
    </select>
  );
}

function Preview({ items }: { items: MappingPreviewView[] | null }) {
  if (!items) return <Spinner label="Mapping three contacts…" />;
  if (items.length === 0) return <p className="muted">No contacts yet: add one to see what would be sent.</p>;
  return (
    <div className="mapping-preview" data-testid="mapping-preview">
      {items.map((p) => (
        <article key={p.contactId} className="card mapping-preview-card">
          <h3>{p.name}</h3>
          {p.problems.map((problem) => <p key={problem} className="action-error" role="alert">{problem}</p>)}
          <dl>{p.values.filter((v) => v.value).map((v) => <div key={v.field}><dt>{v.field}</dt><dd>{v.value}</dd></div>)}</dl>
        </article>
      ))}
    </div>
  );
}

export function MappingScreen() {
  const stores = useStores();
  const connectionId = useStore(stores.app, (s) => s.mappingConnectionId);
  const connection = useStore(stores.connections, (s) => s.connections?.find((c) => c.id === connectionId));
  const [view, setView] = useState<MappingView | null>(null);
  const [preview, setPreview] = useState<MappingPreviewView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);

  const refreshPreview = useCallback((id: number) => {
    setPreview(null);
    stores.client.previewMapping({ connectionId: id }).then(setPreview, (e: unknown) => setError(errorMessage(e)));
  }, [stores]);

  useEffect(() => {
    if (connectionId === null) return;
    setView(null);
    setError(null);
    stores.client.getMapping({ connectionId }).then(setView, (e: unknown) => setError(errorMessage(e)));
    refreshPreview(connectionId);
  }, [stores, connectionId, refreshPreview]);

  const apply = async (change: Promise<MappingView>): Promise<void> => {
    try {
      setError(null);
      setView(await change);
      if (connectionId !== null) refreshPreview(connectionId);
      void stores.connections.getState().load();
    } catch (e) { setError(errorMessage(e)); }
  };
  const setField = (row: MappingRowView, rule: FieldRule): void => {
    if (connectionId === null) return;
    const keepTarget = row.custom && row.target !== row.defaultTarget ? { target: row.target } : {};
    const next: FieldRule = { ...keepTarget, ...(row.transforms.length ? { transforms: row.transforms } : {}), ...(row.policy !== 'overwrite' ? { policy: row.policy } : {}), ...rule };
    const isDefault = next.target === undefined && !next.transforms?.length && (!next.policy || next.policy === 'overwrite');
    void apply(isDefault ? stores.client.resetMapping({ connectionId, ferryField: row.ferryField }) : stores.client.setMappingField({ connectionId, ferryField: row.ferryField, rule: next }));
  };

  if (connectionId === null) return null;
  return (
    <section className="mapping-screen stack" aria-labelledby="mapping-title">
      <div className="screen-head">
        <div>
          <h1 id="mapping-title">{view ? `${view.crmName} field mapping` : 'Field mapping'}</h1>
          <p>Where each Ferry field goes, how it is written, and when it may overwrite what the CRM holds. <a href="#/integrations">Back to Integrations</a></p>
        </div>
        <div className="row">
          {view && view.crmFields && <Button variant="primary" onClick={() => setTesting(true)}>Test sync</Button>}
          {view && !view.locked && <Button onClick={() => void apply(stores.client.resetMapping({ connectionId }))}>Reset to defaults</Button>}
        </div>
      </div>
      {testing && view && <TestSyncDialog connectionId={connectionId} crmName={view.crmName} onClose={() => setTesting(false)} />}
      {error && <Banner tone="error" title="That change was not saved">{error}</Banner>}
      {view?.locked && <Banner tone="info" title="Set by your admin">Your admin's policy sets this mapping; it cannot be changed here.</Banner>}
      {!view && !error && <Spinner label="Asking the CRM for its fields…" />}
      {connection && <DirectionAndRules c={connection} />}
      {view && (
        <>
          <div className="card">
            <Table caption="Field mapping" testId="mapping-grid" head={<tr><th>Ferry field</th><th>CRM field</th><th>Type</th><th>Transform</th><th>Write policy</th></tr>}>
              {view.rows.map((row) => (
                <tr key={row.ferryField} data-field={row.ferryField}>
                  <th scope="row">{row.ferryField}{row.problem && <p className="action-error" role="alert">{row.problem}</p>}</th>
                  <td><fieldset disabled={view.locked} className="bare"><TargetCell row={row} view={view} onChange={(rule) => setField(row, rule)} /></fieldset></td>
                  <td>{row.targetType ?? '—'}</td>
                  <td>
                    <select className="select" aria-label={`Transform for ${row.ferryField}`} disabled={view.locked || row.fixed} value={transformKey(row.transforms)}
                      onChange={(e) => setField(row, { transforms: TRANSFORMS[e.target.value]?.transforms ?? [] })}>
                      {Object.entries(TRANSFORMS).map(([key, t]) => <option key={key} value={key}>{t.label}</option>)}
                      {transformKey(row.transforms) === 'custom' && <option value="custom">{row.transforms.map((t) => t.kind).join(' → ')}</option>}
                    </select>
                  </td>
                  <td>
                    <select className="select" aria-label={`Write policy for ${row.ferryField}`} disabled={view.locked || row.fixed} value={row.policy}
                      onChange={(e) => setField(row, { policy: e.target.value as WritePolicy })}>
                      {Object.entries(POLICY_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </Table>
          </div>
          <MappingRules view={view} onRules={(rules, routing) => void apply(stores.client.setMappingRules({ connectionId, ...(rules ? { rules } : {}), ...(routing !== undefined ? { routing } : {}) }))} />
          <FiltersSection connectionId={connectionId} crmName={view.crmName} onChanged={() => void stores.connections.getState().load()} />
          <section className="stack" aria-labelledby="mapping-preview-title">
            <h2 id="mapping-preview-title">Preview on three contacts</h2>
            <Preview items={preview} />
          </section>
        </>
      )}
    </section>
  );
}
