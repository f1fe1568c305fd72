import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { displayName } from '../../../preload/schemas/contact';
import { errorMessage, formatCount, plural } from '../../lib/format';
import { downloadText } from '../../lib/files';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { BulkBar } from './bulk-bar';
import { ContactDetail } from './contact-detail';
import { DemoNotice } from './demo-notice';
import { undoableDelete } from './undoable-delete';
import { draftOf, EMPTY_DRAFT, inputOf } from './contact-draft';
import { ContactForm } from './contact-form';
import { ContactList } from './contact-list';
import { ImportDialog } from './import-dialog';
import { DuplicatesDialog } from './duplicates-dialog';
import { ForgetDialog } from './forget-dialog';
import './contacts.css';

const SEARCH_DEBOUNCE_MS = 250;

type Editing = 'new' | 'edit' | null;

/** Contacts: a virtualized list with search on the left, the open contact (or the form) on the right. */
export function ContactsScreen() {
  const stores = useStores();
  const total = useStore(stores.contacts, (s) => s.total);
  const matchTotal = useStore(stores.contacts, (s) => s.matchTotal);
  const query = useStore(stores.contacts, (s) => s.query);
  const searching = useStore(stores.contacts, (s) => s.searching);
  const listError = useStore(stores.contacts, (s) => s.listError);
  const [text, setText] = useState(useStore(stores.contacts, (s) => s.query));
  const [dialog, setDialog] = useState<'import' | 'duplicates' | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const first = useRef(true);

  useEffect(() => {
    // The initial value is already the store's query: searching it again would reset the list.
    if (first.current) { first.current = false; return; }
    const t = setTimeout(() => { void stores.contacts.getState().search(text); }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [stores, text]);
  // A search the store cleared (a new contact must not hide behind it) clears the box too.
  useEffect(() => { if (query === '') setText((t) => (t.trim() === '' ? t : '')); }, [query]);
  useEffect(() => { void stores.connections.getState().load(); }, [stores]);

  const exportCsv = async (): Promise<void> => {
    setExportError(null);
    try {
      const file = await stores.client.exportContacts();
      downloadText(file.fileName, file.csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setExportError(errorMessage(e));
    }
  };

  const results = query !== '';
  return (
    <section className="contacts-screen" aria-labelledby="contacts-title">
      <div className="screen-head">
        <div>
          <h1 id="contacts-title">Contacts</h1>
          <p aria-live="polite" data-testid="contacts-summary">{results ? (matchTotal === null ? 'Searching…' : `${formatCount(matchTotal)} found`) : total === null ? '\u00a0' : plural(total, 'contact')}</p>
        </div>
        <span className="spacer" />
        <div className="search">
          <label htmlFor="contact-search" className="visually-hidden">Search contacts</label>
          <input id="contact-search" className="input" type="search" placeholder="Name, e-mail, company, title, phone…" value={text} onChange={(e) => setText(e.target.value)} />
          {searching && <span className="spinner search-spinner" aria-hidden="true" />}
        </div>
        <Button variant="primary" onClick={() => void stores.contacts.getState().select(null).then(() => setEditing('new'))}>New contact</Button>
        <Button onClick={() => setDialog('import')}>Import…</Button>
        <Button onClick={() => void exportCsv()}>Export CSV</Button>
        <Button onClick={() => setDialog('duplicates')}>Duplicates…</Button>
      </div>
      {exportError && <Banner tone="error" title="Could not export">{exportError}</Banner>}
      <DemoNotice />
      {listError && <Banner tone="error" title="Could not load contacts" actions={<Button size="small" onClick={() => void stores.contacts.getState().refresh()}>Try again</Button>}>{listError}</Banner>}
      <div className="contacts-split">
        <div className="contacts-list-pane card">
          <BulkBar />
          {total === null && !listError && <div className="list-loading"><Spinner label="Loading contacts…" /></div>}
          {total === 0 && !results && <EmptyState title="No contacts yet" action={<Button variant="primary" onClick={() => setEditing('new')}>Add a contact</Button>}>Add one, or import a CSV or vCard file.</EmptyState>}
          {results && matchTotal === 0 && !searching && <EmptyState title="No matches">Nothing matches “{query}”. Try part of a name, an e-mail, a company, a title or a phone number.</EmptyState>}
          {(results ? (matchTotal ?? 0) > 0 : (total ?? 0) > 0) && <ContactList />}
        </div>
        <div className="contacts-detail-pane card">
          <DetailPane editing={editing} setEditing={setEditing} />
        </div>
      </div>
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'duplicates' && <DuplicatesDialog onClose={() => setDialog(null)} />}
    </section>
  );
}

/** The right pane: the form (new or edit), the open contact, or a hint. */
function DetailPane({ editing, setEditing }: { editing: Editing; setEditing: (e: Editing) => void }) {
  const stores = useStores();
  const selectedId = useStore(stores.contacts, (s) => s.selectedId);
  const detail = useStore(stores.contacts, (s) => s.detail);
  const detailError = useStore(stores.contacts, (s) => s.detailError);
  const [forgetting, setForgetting] = useState(false);

  useEffect(() => { if (editing === 'edit' && selectedId === null) setEditing(null); }, [editing, selectedId, setEditing]);

  if (editing === 'new') {
    return (
      <ContactForm key="new" title="New contact" initial={EMPTY_DRAFT} onCancel={() => setEditing(null)}
        onSave={async (d) => { await stores.contacts.getState().create(inputOf(d)); setEditing(null); }} />
    );
  }
  if (editing === 'edit' && detail) {
    return (
      <ContactForm key={detail.contact.id} title={`Edit ${displayName(detail.contact)}`} initial={draftOf(detail.contact)} onCancel={() => setEditing(null)}
        onSave={async (d) => { await stores.contacts.getState().update(detail.contact.id, inputOf(d)); setEditing(null); await stores.contacts.getState().reloadDetail(); }} />
    );
  }
  if (selectedId === null) return <EmptyState title="No contact open">Pick a contact from the list to see its details and where it has synced.</EmptyState>;
  if (detailError) return <Banner tone="error" title="Could not open this contact">{detailError}</Banner>;
  if (!detail) return <div className="list-loading"><Spinner label="Opening contact…" /></div>;
  return (
    <>
      <ContactDetail detail={detail} onEdit={() => setEditing('edit')} onForget={() => setForgetting(true)}
        onDelete={() => void undoableDelete(stores, [detail.contact.id], displayName(detail.contact))} />
      {forgetting && <ForgetDialog contactId={detail.contact.id} name={displayName(detail.contact)} onClose={() => setForgetting(false)} />}
    </>
  );
}
