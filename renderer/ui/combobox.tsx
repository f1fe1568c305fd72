import { useId, useMemo, useState } from 'react';

export interface ComboOption {
  value: string;
  label: string;
  /** more words the option is found by (a code, a dialling prefix) */
  keywords?: string;
}

const MAX_SHOWN = 50;

/**
 * A searchable list (ARIA combobox with a listbox popup): type part of a name
 * or a code, arrows move, Enter or a click picks. The value only changes to an
 * option from the list, never to free text.
 */
export function Combobox({ label, hint, options, value, onChange, error, testId }: {
  label: string;
  hint?: string;
  options: readonly ComboOption[];
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  testId?: string;
}) {
  const id = useId();
  const selected = options.find((o) => o.value === value);
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shownText = text ?? selected?.label ?? '';
  const matches = useMemo(() => {
    const q = (text ?? '').trim().toLowerCase();
    if (!q) return options.slice(0, MAX_SHOWN);
    const starts = options.filter((o) => o.label.toLowerCase().startsWith(q) || o.value.toLowerCase() === q);
    const contains = options.filter((o) => !starts.includes(o) && `${o.label} ${o.value} ${o.keywords ?? ''}`.toLowerCase().includes(q));
    return [...starts, ...contains].slice(0, MAX_SHOWN);
  }, [options, text]);

  const pick = (o: ComboOption | undefined): void => {
    if (!o) return;
    onChange(o.value);
    setText(null);
    setOpen(false);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(matches.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter') { if (open || text !== null) { e.preventDefault(); pick(matches[active]); } }
    else if (e.key === 'Escape' && open) { e.preventDefault(); e.stopPropagation(); setOpen(false); setText(null); }
  };
  const listId = `${id}-list`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field combobox" data-testid={testId}>
      <label className="field-label" htmlFor={id}>{label}</label>
      <input
        id={id} className="input" role="combobox" aria-autocomplete="list" aria-expanded={open} aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined} aria-describedby={describedBy} aria-invalid={error ? true : undefined}
        autoComplete="off" spellCheck={false} value={shownText}
        onChange={(e) => { setText(e.target.value); setOpen(true); setActive(0); }}
        onFocus={() => setOpen(true)} onBlur={() => { setOpen(false); setText(null); }} onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!open || matches.length === 0}>
        {matches.map((o, i) => (
          <li key={o.value} id={`${id}-opt-${i}`} role="option" aria-selected={o.value === value} className={i === active ? 'is-active' : ''}
            onMouseDown={(e) => { e.preventDefault(); pick(o); }}>
            {o.label}
          </li>
        ))}
      </ul>
      {open && text !== null && matches.length === 0 && <span className="field-hint" role="status">No country matches “{text}”.</span>}
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}
