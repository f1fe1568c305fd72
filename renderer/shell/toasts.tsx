import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { Toast } from '../store/app-store';
import { useStores } from '../store/stores';
import { Button } from '../ui/button';

/** How long a toast stays; one with an action (Undo) stays longer, and hovering or focusing it keeps it. */
const TOAST_MS = 8_000;
const ACTION_TOAST_MS = 15_000;

/** Confirmations at the bottom of the window: what just happened, and Undo when it can be undone. */
export function Toasts() {
  const toasts = useStore(useStores().app, (s) => s.toasts);
  return (
    <section className="toasts" aria-label="Confirmations" aria-live="polite">
      {toasts.map((t) => <ToastItem key={t.id} toast={t} />)}
    </section>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore(useStores().app, (s) => s.dismissToast);
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (held) return undefined;
    const timer = setTimeout(() => dismiss(toast.id), toast.action ? ACTION_TOAST_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [held, dismiss, toast]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="toast"
      onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
      <span className="toast-text">{toast.text}</span>
      {toast.action && (
        <Button size="small" busy={busy} onClick={() => {
          setBusy(true);
          void Promise.resolve(toast.action?.run()).finally(() => dismiss(toast.id));
        }}>{toast.action.label}</Button>
      )}
      <Button size="small" variant="ghost" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>✕</Button>
    </div>
  );
}
