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
  const results = useStore(stores.contacts, (s) => s.results);
  const selectedId = useStore(stores.contacts, (s) => s.selectedId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const count = results ? results.length : total ?? 0;
  const rowAt = (i: number): Contact | undefined => (results ? results[i] : pages[Math.floor(i / PAGE_SIZE)]?.[i % PAGE_SIZE]);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (!results && count > 0) stores.contacts.getState().ensureRange(first, last);
  }, [stores, results, count, first, last]);

  useEffect(() => { setActive(0); virtualizer.scrollToOffset(0); }, [results, virtualizer]);

  const open = (i: number): void => {
    const row = rowAt(i);
    if (row) void stores.contacts.getState().select(row.id);
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
      ' ': () => open(active),
    };
    const action = keys[e.key];
    if (action && count > 0) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div
      ref={scrollRef}
      className="contact-list"
      role="listbox"
      aria-label={results ? `Search results, ${count}` : `Contacts, ${count}`}
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
              aria-selected={c !== undefined && c.id === selectedId}
              aria-posinset={item.index + 1}
              aria-setsize={count}
              className={`contact-row ${item.index === active ? 'is-active' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              onClick={() => { setActive(item.index); open(item.index); }}
              data-testid={c ? 'contact-row' : 'contact-row-placeholder'}
            >
              {c ? <RowContent c={c} /> : <span className="row-skeleton" aria-label="Loading" />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function RowContent({ c }: { c: Contact }) {
  const sub = [c.title, c.company].filter(Boolean).join(' · ');
  return (
    <>
      <span className="row-main">
        <span className="row-name">{displayName(c)}</span>
        <span className="row-sub">{sub || '\u00a0'}</span>
      </span>
      <span className="row-email">{c.emails[0]?.value ?? ''}</span>
    </>
  );
}
