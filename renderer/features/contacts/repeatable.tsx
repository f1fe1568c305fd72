import type { ReactNode } from 'react';
import { Button } from '../../ui/button';

/**
 * A list of rows the rep can add to and remove from (e-mails, phones,
 * addresses, custom fields). Each row is a fieldset so its inputs are grouped
 * for screen readers.
 */
export function Repeatable<T>({ legend, items, onChange, blank, addLabel, renderRow, error }: {
  legend: string;
  items: T[];
  onChange: (items: T[]) => void;
  blank: T;
  addLabel: string;
  renderRow: (item: T, set: (patch: Partial<T>) => void, index: number) => ReactNode;
  error?: string | undefined;
}) {
  return (
    <fieldset className="repeatable">
      <legend>{legend}</legend>
      {items.map((item, i) => (
        <div className="repeatable-row" key={i}>
          {renderRow(item, (patch) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x))), i)}
          <Button size="small" variant="ghost" aria-label={`Remove ${legend.toLowerCase()} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>Remove</Button>
        </div>
      ))}
      {error && <p className="field-error" role="alert">{error}</p>}
      <Button size="small" onClick={() => onChange([...items, blank])}>{addLabel}</Button>
    </fieldset>
  );
}
