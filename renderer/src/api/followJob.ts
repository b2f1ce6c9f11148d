import type { BriefdeskApi } from '../../../shared/contract/client';
import { watchJob } from '../../../shared/contract/jobs';
import type { NotificationStore } from '../../../shared/notifications/notificationStore';

/**
 * Shows a job in the notification area: its progress with a Cancel button while it runs, then how it ended (the
 * job's own words, or the typed error's message). Resolves with the outcome once the job has finished.
 */
export function followJob(api: BriefdeskApi, notifications: NotificationStore, jobId: string, title: string): Promise<'done' | 'cancelled' | 'failed'> {
  const id = `job-${jobId}`;
  const cancel = { label: 'Cancel', run: () => void api.jobs.cancel({ jobId }) };
  notifications.post({ id, tone: 'progress', sticky: true, text: title, progress: { done: 0, total: 0 }, actions: [cancel] });
  return new Promise((resolve) => {
    watchJob(api, jobId, {
      onProgress: ({ done, total, phrase }) =>
        notifications.post({ id, tone: 'progress', sticky: true, text: title, progress: { done, total, phrase }, actions: [cancel] }),
      onFinished: (finished) => {
        notifications.post({ id, tone: finished.outcome === 'failed' ? 'error' : 'info', text: finished.message });
        resolve(finished.outcome);
      },
      onError: (error) => {
        notifications.post({ id, tone: 'error', text: error.message });
        resolve('failed');
      },
    });
  });
}
