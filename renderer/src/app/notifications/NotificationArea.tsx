import { useState, useSyncExternalStore } from 'react';
import type { Notification, NotificationStore } from '../../../../shared/notifications/notificationStore';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function NoticeRow({ store, notice }: { store: NotificationStore; notice: Notification }): React.JSX.Element {
  const { progress } = notice;
  return (
    <div className={`bd-banner is-${notice.tone === 'progress' ? 'info' : notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-notice={notice.id}>
      <span className="bd-banner-text">
        {notice.text}
        {progress && (
          <>
            {' '}
            <progress max={progress.total || 1} value={progress.done} aria-label={progress.phrase ?? notice.text} />{' '}
            <span className="bd-muted">{progress.phrase ?? `${progress.done} of ${progress.total}`}</span>
          </>
        )}
      </span>
      <span className="bd-banner-actions">
        {notice.actions?.map((action) => (
          <button key={action.label} type="button" className={`bd-button${action.primary ? ' is-primary' : ''}`} onClick={() => store.act(notice.id, action)}>
            {action.label}
          </button>
        ))}
        {!notice.sticky && (
          <button type="button" className="bd-button" aria-label="Dismiss" onClick={() => store.dismiss(notice.id)}>
            ✕
          </button>
        )}
      </span>
    </div>
  );
}

/**
 * The window's one place for messages: what is current (with its actions and any job's progress) above the
 * editor, and on request the last messages, kept after they were dismissed.
 */
export function NotificationArea({ store }: { store: NotificationStore }): React.JSX.Element {
  const { active } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div className="bd-notifications" role="region" aria-label="Notifications">
      {active.map((notice) => (
        <NoticeRow key={notice.id} store={store} notice={notice} />
      ))}
    </div>
  );
}

/** The recent messages, newest first. */
export function NotificationHistory({ store }: { store: NotificationStore }): React.JSX.Element {
  const { history } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [now] = useState(Date.now);
  if (history.length === 0) return <p className="bd-muted">No messages yet.</p>;
  return (
    <ol className="bd-notice-history" aria-label="Recent messages">
      {history.map((notice) => (
        <li key={`${notice.id}-${notice.at}`} className={`is-${notice.tone}`}>
          <span className="bd-muted">{now - notice.at < 60_000 ? 'just now' : time.format(notice.at)}</span> {notice.text}
        </li>
      ))}
    </ol>
  );
}
