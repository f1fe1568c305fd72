import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

interface FieldShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** something worth a second look that does not block saving */
  warning?: string | null;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
  className?: string;
}

/** Label, control, hint and error wired together for screen readers. */
export function FieldShell({ label, hint, error, warning, children, className }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const warningId = warning ? `${id}-warning` : undefined;
  const describedBy = [hintId, errorId, warningId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field-label" htmlFor={id}>{label}</label>
      {children({ id, describedBy })}
      {hint && <span id={hintId} className="field-hint">{hint}</span>}
      {error && <span id={errorId} className="field-error" role="alert">{error}</span>}
      {warning && <span id={warningId} className="field-warning" role="status">{warning}</span>}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { label: ReactNode; hint?: ReactNode; error?: string | null; warning?: string | null; fieldClassName?: string };

export function Field({ label, hint, error, warning, fieldClassName, className, ...rest }: InputProps) {
  return (
    <FieldShell label={label} hint={hint} error={error ?? null} warning={warning ?? null} className={fieldClassName}>
      {({ id, describedBy }) => (
        <input id={id} className={`input ${className ?? ''}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...rest} />
      )}
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: ReactNode; hint?: ReactNode; error?: string | null; fieldClassName?: string };

export function TextAreaField({ label, hint, error, fieldClassName, ...rest }: TextAreaProps) {
  return (
    <FieldShell label={label} hint={hint} error={error ?? null} className={fieldClassName}>
      {({ id, describedBy }) => <textarea id={id} className="textarea" aria-describedby={describedBy} {...rest} />}
    </FieldShell>
  );
}

export function Checkbox({ label, checked, onChange, disabled, hint }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <span>{label}</span>
      </label>
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
    </div>
  );
}
