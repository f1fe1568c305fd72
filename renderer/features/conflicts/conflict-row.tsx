import { useState } from 'react';
import type { ConflictView } from '../../../preload/schemas/pull';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/button';

const RESOLUTION_WORDS: Record<NonNullable<ConflictView['resolution']>, string> = { ferry: "Kept Ferry's value", crm: "Took the CRM's value", value: 'Typed a value' };

function Value({ value, at, who }: { value: string; at: number | null; who: string }) {
  return (
    <>
      <div className="conflict-value">{value === '' ? <span className="muted">(empty)</span> : value}</div>
      <div className="muted small">{at === null ? `${who} gave no time` : `changed ${formatDateTime(at)}`}</div>
    </>
  );
}

/** One field both sides changed: the two values with their times, and the three ways to settle it. */
export function ConflictRow({ c, crmLabel, onResolve }: {
  c: ConflictView;
  crmLabel: string;
  onResolve: (how: { take: 'ferry' | 'crm' } | { value: string }) => Promise<void>;
}) {
  const [typing, setTyping] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settle = (how: { take: 'ferry' | 'crm' } | { value: string }): void => {
    setBusy(true);
    void onResolve(how).finally(() => setBusy(false));
  };
  const what = `${c.field} of ${c.contactName}`;
  return (
    <tr data-testid="conflict-row" data-state={c.state} data-field={c.field}>
      <th scope="row"><a href={`#/contacts/${c.contactId}`}>{c.contactName}</a><div className="muted small">{crmLabel}</div></th>
      <td>{c.field}</td>
      <td data-testid="ferry-value"><Value value={c.ferryValue} at={c.ferryChangedAt} who="Ferry" /></td>
      <td data-testid="crm-value"><Value value={c.crmValue} at={c.crmChangedAt} who={crmLabel} /></td>
      <td>
        {c.state === 'resolved' ? (
          <span>{c.resolution ? RESOLUTION_WORDS[c.resolution] : 'Settled'}{c.resolvedAt !== null && <span className="muted small"> · {formatDateTime(c.resolvedAt)}</span>}</span>
        ) : typing === null ? (
          <div className="row conflict-actions">
            <Button size="small" busy={busy} onClick={() => settle({ take: 'ferry' })} aria-label={`Take Ferry's value for ${what}`}>Take Ferry's</Button>
            <Button size="small" busy={busy} onClick={() => settle({ take: 'crm' })} aria-label={`Take the CRM's value for ${what}`}>Take the CRM's</Button>
            <Button size="small" variant="ghost" disabled={busy} onClick={() => setTyping(c.ferryValue)} aria-label={`Type a value for ${what}`}>Type a value</Button>
          </div>
        ) : (
          <form className="row conflict-actions" onSubmit={(e) => { e.preventDefault(); settle({ value: typing }); }}>
            <input className="input" aria-label={`New value for ${what}`} value={typing} onChange={(e) => setTyping(e.target.value)} autoFocus />
            <Button size="small" variant="primary" type="submit" busy={busy}>Save</Button>
            <Button size="small" disabled={busy} onClick={() => setTyping(null)}>Cancel</Button>
          </form>
        )}
      </td>
    </tr>
  );
}
