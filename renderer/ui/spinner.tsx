/** A small spinner with words for screen readers. */
export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <span role="status" className="row">
      <span className="spinner" aria-hidden="true" />
      <span className="muted">{label}</span>
    </span>
  );
}
