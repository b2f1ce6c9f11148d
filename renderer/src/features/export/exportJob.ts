import type { RunMode } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { followJob } from '../../api/followJob';
import { saveAsDownload } from '../../api/browserDownload';

/**
 * Follows a started export in the notification area (progress and Cancel, through `followJob`) and, once it is done,
 * delivers the file: browser mode downloads it, the desktop app (which wrote it where the analyst chose) offers to
 * open it or show it in its folder. What the analyst should know about the result is said in the same notice.
 */
export async function followExport(api: BriefdeskApi, notifications: NotificationStore, mode: RunMode, jobId: string, title: string): Promise<void> {
  const outcome = await followJob(api, notifications, jobId, title);
  if (outcome !== 'done') return;
  // The job's notice is replaced by what it made, so one notice tells the whole story.
  const id = `job-${jobId}`;
  const result = await api.export.result({ jobId });
  if (!result.ok) return void notifications.post({ id, tone: 'error', text: `The export finished, but its file cannot be found: ${result.error.message}` });
  const { fileName, path, notices } = result.value;
  // Notices (notes that became endnotes…) are warnings, so they wait for the analyst instead of fading away.
  const tone = notices.length > 0 ? 'warning' : 'info';
  const told = notices.map((notice) => ` ${notice}`).join('');

  if (mode === 'browser') {
    const file = await api.export.download({ jobId });
    if (!file.ok) return void notifications.post({ id, tone: 'error', text: `“${fileName}” was made, but it cannot be downloaded: ${file.error.message}` });
    saveAsDownload(file.value);
    return void notifications.post({ id, tone, text: `Exported “${file.value.fileName}”; the browser saves it as a download.${told}` });
  }

  const reveal = (how: 'open' | 'showInFolder') => () =>
    void api.export.reveal({ jobId, how }).then((answer) => !answer.ok && notifications.post({ tone: 'error', text: answer.error.message }));
  notifications.post({
    id,
    tone,
    text: `Exported “${fileName}”${path ? ` to ${path}` : ''}.${told}`,
    actions: [
      { label: 'Open', primary: true, run: reveal('open') },
      { label: 'Show in folder', run: reveal('showInFolder') },
    ],
  });
}
