import type { ReactNode } from 'react';
import { displayName, type Contact } from '../../../preload/schemas/contact';
import type { ContactDetail as Detail } from '../../../preload/schemas/contacts-api';
import { formatMeetingAt } from '../../lib/format';
import { RelativeTime } from '../../ui/relative-time';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ContactSyncStatus } from './contact-sync-status';
import { ContactHistory } from './contact-history';
import { ContactPotentialDuplicates } from './contact-potential-duplicates';

/** A contact read-only: every field that has a value, then its sync status per CRM. */
export function ContactDetail({ detail, onEdit, onDelete, onForget }: { detail: Detail; onEdit: () => void; onDelete: () => void; onForget?: () => void }) {
  const c = detail.contact;
  const name = displayName(c);
  return (
    <article className="contact-detail" aria-labelledby="contact-detail-name" data-testid="contact-detail">
      <div className="panel-head">
        <div>
          <h2 id="contact-detail-name">{name}</h2>
          {c.source === 'demo' && <Badge>Demo contact — sent to sandboxes only</Badge>}
          <p className="muted">{[c.title, c.company].filter(Boolean).join(' · ') || '\u00a0'}</p>
        </div>
        <span className="spacer" />
        <Button variant="primary" onClick={onEdit}>Edit</Button>
        <Button variant="danger" onClick={onDelete}>Delete</Button>
        {onForget && <Button variant="ghost" onClick={onForget}>Forget this person…</Button>}
      </div>
      <section aria-labelledby="sync-heading" className="detail-section">
        <h3 id="sync-heading">In your CRMs</h3>
        <ContactSyncStatus sync={detail.sync} contactId={c.id} contactName={name} />
      </section>
      <ContactPotentialDuplicates contactId={c.id} version={c.version} />
      <ContactHistory contactId={c.id} version={c.version} />
      <dl className="detail-fields">
        <Item label="E-mail">{c.emails.map((e, i) => <div key={i}><a href={`mailto:${e.value}`}>{e.value}</a>{e.label ? <span className="muted"> ({e.label})</span> : null}</div>)}</Item>
        <Item label="Phone">{c.phones.map((p, i) => (
          <div key={i}>
            <a href={`tel:${p.e164 ?? p.raw}`}>{p.raw}</a>{p.label ? <span className="muted"> ({p.label})</span> : null}
            {p.e164 === null && <span className="field-warning"> — not a number Ferry could read; it is kept as typed</span>}
          </div>
        ))}</Item>
        <Item label="Website">{c.website && <span>{c.website}</span>}</Item>
        <Item label="Address">{c.addresses.map((a, i) => <div key={i}>{[a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ')}{a.label ? <span className="muted"> ({a.label})</span> : null}</div>)}</Item>
        <Item label="Met">{meetingText(c)}</Item>
        <Item label="Meeting notes">{c.meeting.notes && <p className="pre">{c.meeting.notes}</p>}</Item>
        <Item label="Tags">{c.tags.length > 0 && <span className="row">{c.tags.map((t) => <span key={t} className="badge">{t}</span>)}</span>}</Item>
        {Object.entries(c.customFields).map(([k, v]) => <Item key={k} label={k}>{v}</Item>)}
        <Item label="Notes">{c.notes && <p className="pre notes">{c.notes}</p>}</Item>
        <Item label="Last changed"><RelativeTime ms={c.updatedAt} /></Item>
      </dl>
    </article>
  );
}

function meetingText(c: Contact): string {
  const { at, place, event } = c.meeting;
  return [at ? formatMeetingAt(at) : '', event, place].filter(Boolean).join(' · ');
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === '' || children === false || children === null || children === undefined || (Array.isArray(children) && children.length === 0);
  if (empty) return null;
  return <div className="detail-item"><dt>{label}</dt><dd>{children}</dd></div>;
}
