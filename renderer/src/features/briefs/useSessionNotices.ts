import { useEffect } from 'react';
import type { NotificationInput, NotificationStore } from '../../../../shared/notifications/notificationStore';
import type { BriefSessionSnapshot, BriefSessionStore } from './briefSessionStore';
import { readOnlyBannerText } from './readOnlyText';

export interface SessionNoticeActions {
  compareBackup: () => void;
  duplicateKnownParts: () => void;
}

/** Keeps one notice per state (`id`) current: posted while the state holds, withdrawn when it goes. */
function useNotice(notifications: NotificationStore, id: string, notice: Omit<NotificationInput, 'id'> | undefined): void {
  const key = notice ? `${notice.tone}\n${notice.text}\n${notice.actions?.map((a) => a.label).join('\n') ?? ''}` : '';
  useEffect(() => {
    if (!notice) return notifications.dismiss(id);
    notifications.post({ ...notice, id });
    // `key` stands for the notice: a new object with the same words is the same notice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [notifications, id, key]);
}

/**
 * What the session's state tells the analyst, in the one notification area: a failed save (with Retry), a save
 * warning, an outside change waiting for a choice, a recovered backup, and why a brief is read-only.
 */
export function useSessionNotices(
  notifications: NotificationStore,
  store: BriefSessionStore,
  session: BriefSessionSnapshot,
  workspaceReadOnly: string | undefined,
  actions: SessionNoticeActions,
): void {
  const { brief, conflict, error, warning, pendingBackup, content } = session;

  useNotice(
    notifications,
    'brief.error',
    error && !conflict
      ? {
          tone: 'error',
          sticky: true,
          text: error,
          actions: [
            ...(brief ? [{ label: 'Retry', run: () => void store.save('explicit'), primary: true }] : []),
            { label: 'Dismiss', run: () => store.dismissError() },
          ],
        }
      : undefined,
  );
  useNotice(notifications, 'brief.warning', warning ? { tone: 'warning', sticky: true, text: warning, actions: [{ label: 'Dismiss', run: () => store.dismissWarning() }] } : undefined);
  useNotice(
    notifications,
    'brief.conflict',
    conflict === 'changed'
      ? {
          tone: 'warning',
          sticky: true,
          text: 'This brief was changed outside Briefdesk while you had unsaved edits.',
          actions: [
            { label: 'Keep mine', run: () => void store.resolveConflict('keepMine'), primary: true },
            { label: 'Take theirs', run: () => void store.resolveConflict('takeTheirs') },
            { label: 'Save mine as a copy', run: () => void store.resolveConflict('saveCopy') },
          ],
        }
      : conflict === 'removed'
        ? {
            tone: 'warning',
            sticky: true,
            text: 'This brief was deleted or moved outside Briefdesk. Keep your text as a brief, or close it.',
            actions: [
              { label: 'Keep mine', run: () => void store.resolveConflict('keepMine'), primary: true },
              { label: 'Close it', run: () => void store.resolveConflict('takeTheirs') },
            ],
          }
        : undefined,
  );
  useNotice(
    notifications,
    'brief.backup',
    pendingBackup
      ? {
          tone: 'warning',
          sticky: true,
          text: `Unsaved edits to this brief from ${new Date(pendingBackup.savedAt).toLocaleString()} were recovered.`,
          actions: [
            { label: 'Restore', run: () => store.restoreBackup(), primary: true },
            { label: 'Compare', run: actions.compareBackup },
            { label: 'Discard', run: () => void store.discardBackup() },
          ],
        }
      : undefined,
  );
  useNotice(
    notifications,
    'brief.readOnly',
    brief && content?.problem
      ? {
          tone: 'warning',
          sticky: true,
          text: readOnlyBannerText(content.problem),
          // A copy cannot be made in a workspace that cannot be written, nor of a brief Lexical could not read.
          actions:
            content.problem.kind === 'unknownNodes' && workspaceReadOnly === undefined
              ? [{ label: 'Duplicate without the unknown parts', run: actions.duplicateKnownParts, primary: true }]
              : [],
        }
      : undefined,
  );
  useNotice(
    notifications,
    'workspace.readOnly',
    workspaceReadOnly !== undefined ? { tone: 'warning', sticky: true, text: readOnlyBannerText({ kind: 'workspace', reason: workspaceReadOnly }) } : undefined,
  );
}
