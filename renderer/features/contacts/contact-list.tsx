import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { displayName, type Contact } from '../../../preload/schemas/contact';
import { PAGE_SIZE } from '../../store/contacts-store';
import { useStores } from '../../store/stores';

/** Fixed row height: with it, every row's position is known before its data arrives, so nothing jumps. */
export const ROW_HEIGHT = 52;

/**
 * The contact list, virtualized: only the rows in view (plus overscan) exist in
 * the DOM, and only the pages they touch are fetched. A listbox with
 * aria-activedescendant, so arrow keys move through 100,000 rows without
 * 100,000 tab stops.
 */
export function ContactList() {
  const stores = useStores();
  const total = useStore(stores.contacts, (s) => s.total);
  const pages = useStore(stores.contacts, (s) => s.pages);
  const matchTotal = useStore(stores.contacts, (s) => s.matchTotal);
  const query = useStore(stores.contacts, (s) => s.query);
  const selectedId = useStore(stores.contacts, (s) => s.selectedId);
  const checked = useStore(stores.contacts, (s) => s.checked);
  const checkedSet = new Set(checked);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const searching = query !== '';
  const count = (searching ? matchTotal : total) ?? 0;
  const rowAt = (i: number): Contact | undefined => pages[Math.floor(i / PAGE_SIZE)]?.[i % PAGE_SIZE];
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) stores.contacts.getState().ensureRange(first, last);
  }, [stores, count, first, last]);

  useEffect(() => { setActive(0); virtualizer.scrollToOffset(0); }, [query, virtualizer]);

  const open = (i: number): void => {
    const row = rowAt(i);
    if (row) void stores.contacts.getState().select(row.id);
  };
  const toggle = (i: number): void => {
    const row = rowAt(i);
    if (row) stores.contacts.getState().toggleChecked(row.id, !checkedSet.has(row.id));
  };
  const move = (to: number): void => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => open(active),
      ' ': () => toggle(active),
    };
    const action = keys[e.key];
    if (action && count > 0) {
      e.preventDefault();
      action();
    }
  };

  return (
    <>
    <p id="contact-list-help" className="visually-hidden">Arrow keys move, Enter opens a contact, Space selects it for a bulk action.</p>
    <div
      ref={scrollRef}
      className="contact-list"
      role="listbox"
      aria-multiselectable="true"
      aria-label={searching ? `Search results, ${count}` : `Contacts, ${count}`}
      aria-describedby="contact-list-help"
      tabIndex={0}
      aria-activedescendant={count > 0 ? `contact-row-${active}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="contact-list"
    >
      <div className="contact-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const c = rowAt(item.index);
          return (
            <div
              key={item.key}
              id={`contact-row-${item.index}`}
              role="option"
              aria-selected={c !== undefined && checkedSet.has(c.id)}
              aria-current={c !== undefined && c.id === selectedId ? 'true' : undefined}
              aria-posinset={item.index + 1}
              aria-setsize={count}
              className={`contact-row ${item.index === active ? 'is-active' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              onClick={() => { setActive(item.index); open(item.index); }}
              data-testid={c ? 'contact-row' : 'contact-row-placeholder'}
            >
              {c ? <RowContent c={c} checked={checkedSet.has(c.id)} onCheck={() => { setActive(item.index); toggle(item.index); }} /> : <span className="row-skeleton" />}
            </div>
          );
        })}
      </div>
    </div>
    </>
  );
}

/** The tick box is a picture of aria-selected (Space toggles it from the keyboard); a click on it ticks without opening. */
function RowContent({ c, checked, onCheck }: { c: Contact; checked: boolean; onCheck: () => void }) {
  const sub = [c.title, c.company].filter(Boolean).join(' · ');
  return (
    <>
      <span className={`row-check ${checked ? 'is-checked' : ''}`} aria-hidden="true" data-testid="row-check"
        onClick={(e) => { e.stopPropagation(); onCheck(); }} />
      <span className="row-main">
        <span className="row-name">{displayName(c)}{c.source === 'demo' && <span className="badge badge-demo">Demo</span>}</span>
        <span className="row-sub">{sub || '\u00a0'}</span>
      </span>
      <span className="row-email">{c.emails[0]?.value ?? ''}</span>
    </>
  );
}
