import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** the element to focus first; default: the first focusable one in the body */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /** the body may scroll with nothing focusable in it (a long read-only list): make it a tab stop so keys can scroll it */
  scrollableBody?: boolean;
}

/** Open dialogs, innermost last: only the innermost one answers keys. */
const openDialogs: HTMLElement[] = [];

/**
 * A modal dialog. Invariants: focus stays inside while it is open (Tab wraps),
 * Escape closes it, and focus returns to whatever had it before it opened.
 * Keys are handled on the document, not only inside the dialog: when the
 * focused control disappears or is disabled (a Connect button that turns busy
 * and then fails), focus falls to the page body, and Tab must still come back
 * into the dialog and Escape must still close it.
 */
export function Dialog({ title, onClose, children, footer, wide, initialFocus, scrollableBody }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (!root) return undefined;
    openDialogs.push(root);
    const first = initialFocus?.current ?? root.querySelector('.dialog-body')?.querySelector<HTMLElement>(FOCUSABLE) ?? root;
    first.focus();
    const onKeyDown = (e: KeyboardEvent): void => {
      if (openDialogs[openDialogs.length - 1] !== root) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const active = document.activeElement;
      const inside = active instanceof Node && root.contains(active);
      if (items.length === 0) { e.preventDefault(); root.focus(); return; }
      const firstItem = items[0]!;
      const lastItem = items[items.length - 1]!;
      if (!inside) {
        e.preventDefault();
        (e.shiftKey ? lastItem : firstItem).focus();
      } else if (e.shiftKey && (active === firstItem || active === root)) {
        e.preventDefault();
        lastItem.focus();
      } else if (!e.shiftKey && active === lastItem) {
        e.preventDefault();
        firstItem.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      openDialogs.splice(openDialogs.indexOf(root), 1);
      if (previous?.isConnected) previous.focus();
    };
    // Runs once per opening (empty deps): re-focusing on every render would fight the user.
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div ref={ref} className={`dialog ${wide ? 'dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <Button variant="ghost" size="small" onClick={onClose} aria-label="Close">✕</Button>
        </div>
        <div className="dialog-body" {...(scrollableBody ? { tabIndex: 0, role: 'region', 'aria-labelledby': titleId } : {})}>{children}</div>
        {footer && <div className="dialog-foot">{footer}</div>}
      </div>
    </div>
  );
}
