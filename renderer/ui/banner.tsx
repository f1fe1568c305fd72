import type { ReactNode } from 'react';

export type BannerTone = 'info' | 'warning' | 'error' | 'success';

/** A message strip. Errors and warnings are announced (role=alert), info politely (role=status). */
export function Banner({ tone, title, children, actions, testId }: { tone: BannerTone; title?: ReactNode; children?: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      <div className="banner-body">
        {title && <div className="banner-title">{title}</div>}
        {children}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}
