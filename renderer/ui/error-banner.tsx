import { useEffect, useRef, type ReactNode } from 'react';

/**
 * An error banner inside a form or dialog that takes the focus when it
 * appears: the control that failed may have been disabled meanwhile, and the
 * rep (and a screen reader) should land on what went wrong, still inside.
 */
export function ErrorBanner({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { ref.current?.focus(); }, [children]);
  return (
    <div ref={ref} className="banner banner-error" role="alert" tabIndex={-1} data-testid="error-banner">
      <div className="banner-body"><div className="banner-title">{title}</div>{children}</div>
    </div>
  );
}
