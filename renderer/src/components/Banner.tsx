import type { ReactNode } from 'react';

export interface BannerAction {
  label: string;
  onClick: () => void;
  primary?: boolean;
}

/** A bar across the top of a pane: a message and the choices it offers. */
export function Banner({ tone, children, actions = [] }: { tone: 'error' | 'warning' | 'info'; children: ReactNode; actions?: readonly BannerAction[] }): React.JSX.Element {
  return (
    <div className={`bd-banner is-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="bd-banner-text">{children}</span>
      {actions.length > 0 && (
        <span className="bd-banner-actions">
          {actions.map((action) => (
            <button key={action.label} type="button" className={`bd-button${action.primary ? ' is-primary' : ''}`} onClick={action.onClick}>
              {action.label}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
