import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldShell } from './field';

export interface Option<V extends string> {
  value: V;
  label: string;
  disabled?: boolean;
}

type SelectProps<V extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
  label: ReactNode;
  hint?: ReactNode;
  options: readonly Option<V>[];
  value: V;
  onChange: (value: V) => void;
  fieldClassName?: string;
};

/** A labelled native select: keyboard and screen-reader behaviour come from the platform. */
export function Select<V extends string>({ label, hint, options, value, onChange, fieldClassName, ...rest }: SelectProps<V>) {
  return (
    <FieldShell label={label} hint={hint} className={fieldClassName}>
      {({ id, describedBy }) => (
        <select id={id} className="select" aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.target.value as V)} {...rest}>
          {options.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
        </select>
      )}
    </FieldShell>
  );
}
