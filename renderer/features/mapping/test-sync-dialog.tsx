import { useEffect, useState } from 'react';
import type { DryRunItemView } from '../../../preload/schemas/connection';
import type { MappingView } from '../../../preload/schemas/mapping';
import type { TestSyncContact, TestSyncReport } from '../../../preload/schemas/test-sync';
import { HELD_WORDS } from '../../../preload/status/run-sentences';
import { errorMessage, formatCount, plural } from '../../lib/format';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Field, Checkbox } from '../../ui/field';
import { Spinner } from '../../ui/spinner';

/**
 * Test sync: a few contacts go first (the first N waiting, 5 by default, or the
 * ones the admin ticks), then, field by field, what Ferry sent beside what the
 * CRM holds now, read back from the CRM. The rest waits for the full sync.
 */

type Step = { at: 'choose' } | { at: 'running' } | { at: 'done'; report: TestSyncReport } | { at: 'failed'; message: string };

const OUTCOME_WORDS: Record<TestSyncContact['outcome'], string> = { created: 'Created', updated: 'Updated', unchanged: 'Already up to date', 'not sent': 'Not sent' };

/** CRM field → the Ferry field the mapping sends there ("a rule" for a value rule's field; "—" for Ferry's own keys). */
function ferryFieldOf(mapping: MappingView | null): (crmField: string) => string {
  const byTarget = new Map<string, string>();
  // a default target may name several CRM fields ("address, city, state, zip, country", "email (others: ferry_other_emails)")
  for (const row of mapping?.rows ?? []) for (const name of row.target?.match(/[\w.]+/g) ?? []) if (!byTarget.has(name)) byTarget.set(name, row.ferryField);
  const ruled = new Set((mapping?.rules ?? []).flatMap((r) => Object.keys(r.set)));
  return (crmField) => byTarget.get(crmField) ?? (ruled.has(crmField) ? 'a rule' : '—');
}

function ContactResult({ c, crmName, ferryField }: { c: TestSyncContact; crmName: string; ferryField: (f: string) => string }) {
  const differ = c.fields.filter((f) => (f.sent ?? '') !== (f.crm ?? '')).length;
  return (
    <li className="stack test-sync-contact" data-testid="test-sync-contact">
      <div className="row">
        <strong>{c.name}</strong>
        <span className={`badge ${c.outcome === 'not sent' ? 'badge-error' : 'badge-healthy'}`}>{OUTCOME_WORDS[c.outcome]}</span>
        {c.recordUrl
          ? <a href={c.recordUrl} target="_blank" rel="noreferrer noopener" data-testid="crm-record-link">Open in {crmName}</a>
          : c.externalId && <span className="muted">{crmName} record {c.externalId}</span>}
        {c.fields.length > 0 && <span className="muted">{differ === 0 ? 'every field matches' : `${plural(differ, 'field')} differ${differ === 1 ? 's' : ''}`}</span>}
      </div>
      {c.problem && <p className="action-error" role="alert">{c.problem}</p>}
      {c.fields.length > 0 && (
        <table className="table changes">
          <caption className="visually-hidden">What {crmName} holds for {c.name}</caption>
          <thead><tr><th scope="col">Ferry field</th><th scope="col">{crmName} field</th><th scope="col">Sent</th><th scope="col">{crmName} holds now</th><th scope="col">Match</th></tr></thead>
          <tbody>
            {c.fields.map((f) => {
              const same = (f.sent ?? '') === (f.crm ?? '');
              return (
                <tr key={f.field} data-field={f.field} className={same ? '' : 'mismatch'}>
                  <td>{ferryField(f.field)}</td>
                  <td className="mono">{f.field}</td>
                  <td>{f.sent ?? '—'}</td>
                  <td data-testid="crm-value">{f.crm ?? '—'}</td>
                  <td>{same ? 'Matches' : 'Differs'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </li>
  );
}

export function TestSyncDialog({ connectionId, crmName, onClose }: { connectionId: number; crmName: string; onClose: () => void }) {
  const stores = useStores();
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const [count, setCount] = useState('5');
  const [choosing, setChoosing] = useState(false);
  const [waiting, setWaiting] = useState<DryRunItemView[] | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [mapping, setMapping] = useState<MappingView | null>(null);

  // what waits to be sent, to choose from (the same plan "Preview next sync" shows); asked again for each test
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setWaiting(null);
    setPicked(new Set());
    stores.client.dryRun({ connectionId, limit: 50 }).then((p) => { if (live) setWaiting(p.items); }, () => { if (live) setWaiting([]); });
    return () => { live = false; };
  }, [stores, connectionId, round]);
  useEffect(() => {
    let live = true;
    // to name the Ferry field behind each CRM field; without it the CRM names still show
    stores.client.getMapping({ connectionId }).then((m) => { if (live) setMapping(m); }, () => undefined);
    return () => { live = false; };
  }, [stores, connectionId]);

  const n = Number(count);
  const validCount = Number.isInteger(n) && n >= 1 && n <= 50;
  const ready = choosing ? picked.size > 0 && picked.size <= 50 : validCount;
  const run = async (): Promise<void> => {
    setStep({ at: 'running' });
    try {
      const report = await stores.client.testSync(choosing ? { connectionId, contactIds: [...picked] } : { connectionId, count: n });
      setStep({ at: 'done', report });
    } catch (e) {
      setStep({ at: 'failed', message: errorMessage(e) });
    } finally {
      void stores.connections.getState().load();
    }
  };
  const ferryField = ferryFieldOf(mapping);

  return (
    <Dialog wide scrollableBody={step.at === 'done'} title={`Test sync to ${crmName}`} onClose={onClose}
      footer={step.at === 'choose'
        ? <><Button onClick={onClose}>Cancel</Button><Button variant="primary" disabled={!ready} onClick={() => void run()}>Send {choosing ? plural(picked.size, 'contact') : validCount ? plural(n, 'contact') : 'contacts'} now</Button></>
        : <>{step.at !== 'running' && <Button onClick={() => { setRound((r) => r + 1); setStep({ at: 'choose' }); }}>Test again</Button>}<Button variant={step.at === 'done' ? 'primary' : 'default'} disabled={step.at === 'running'} onClick={onClose}>Close</Button></>}>
      {step.at === 'choose' && (
        <div className="stack">
          <p>A few contacts go to {crmName} first; then Ferry reads back what {crmName} now holds for each, field by field. The others wait for the full sync.</p>
          <fieldset className="stack">
            <legend>Which contacts</legend>
            <label className="check"><input type="radio" name="test-sync-which" checked={!choosing} onChange={() => setChoosing(false)} /> <span>The first waiting contacts</span></label>
            {!choosing && <Field type="number" min={1} max={50} label="How many" value={count} onChange={(e) => setCount(e.target.value)} error={validCount ? null : 'From 1 to 50.'} />}
            <label className="check"><input type="radio" name="test-sync-which" checked={choosing} onChange={() => setChoosing(true)} /> <span>Contacts I choose</span></label>
          </fieldset>
          {choosing && (waiting === null
            ? <Spinner label="Finding the contacts waiting to be sent…" />
            : waiting.length === 0
              ? <p className="muted">Nothing is waiting to be sent to {crmName}.</p>
              : <ul className="test-sync-pick" aria-label="Contacts waiting to be sent">
                  {waiting.map((w) => (
                    <li key={w.contactId}><Checkbox label={`${w.name} (${w.action === 'create' ? 'new' : 'update'})`} checked={picked.has(w.contactId)}
                      onChange={(on) => setPicked((s) => { const next = new Set(s); if (on) next.add(w.contactId); else next.delete(w.contactId); return next; })} /></li>
                  ))}
                </ul>)}
        </div>
      )}
      {step.at === 'running' && <Spinner label={`Sending and reading back from ${crmName}…`} />}
      {step.at === 'failed' && <Banner tone="error" title="The test sync did not run">{step.message}</Banner>}
      {step.at === 'done' && (
        <div className="stack" data-testid="test-sync-report">
          {step.report.run.error && <Banner tone="error" title="Not everything was sent">{step.report.run.error}</Banner>}
          <p data-testid="test-sync-summary">
            {step.report.contacts.length === 0
              ? `Nothing was waiting to be sent to ${crmName}.`
              : `${plural(step.report.run.created, 'record')} created, ${plural(step.report.run.updated, 'record')} updated, ${step.report.run.held > 0 ? `${plural(step.report.run.held, 'contact')} ${HELD_WORDS}, ` : ''}${plural(step.report.run.quarantined + step.report.run.failed, 'contact')} not sent. `}
            {formatCount(step.report.stillPending)} more wait for the full sync (Sync now).
          </p>
          <ul className="test-sync-results">
            {step.report.contacts.map((c) => <ContactResult key={c.contactId} c={c} crmName={crmName} ferryField={ferryField} />)}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
