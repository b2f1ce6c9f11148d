import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { CommandRegistry, RunMode } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { ImportOutcome } from '../../../../shared/contract/sources';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { followJob } from '../../api/followJob';
import { useCommands } from '../../api/useCommands';
import { fileAsBase64, IMPORTABLE_TYPES } from './fileBytes';
import { importCommands } from './importCommands';
import { ImportReviewDialog, type MergeTarget } from './ImportReviewDialog';
import { reviewActions, type ReviewActions } from './reviewActions';

export interface ImportsFeatureOptions {
  api: BriefdeskApi;
  registry: CommandRegistry;
  notifications: NotificationStore;
  mode: RunMode;
  workspaceWritable: boolean;
}

export interface ImportsFeature {
  /** The hidden file input of browser mode and the Import review dialog, for the app to place in the window. */
  elements: ReactNode;
  /** Imports files dropped on the window (the Source pane's list), one after the other. */
  onDropFiles: (files: readonly File[]) => void;
}

/** A file as `sources.import` takes it; undefined when the desktop app asked for it with the system dialog. */
type ImportedFile = { name: string; base64: string } | undefined;

interface Review {
  outcome: ImportOutcome;
  file: ImportedFile;
  sourceText: string | undefined;
  facts: readonly MergeTarget[];
  actions: ReviewActions;
}

const byLabel = (a: MergeTarget, b: MergeTarget): number => a.label.localeCompare(b.label);

/**
 * The imports feature: the Import source… command, the job that follows (progress and Cancel in the notification
 * area), and the Import review of what it did. Rejected proposals are remembered by the host, on the source.
 */
export function useImportsFeature({ api, registry, notifications, mode, workspaceWritable }: ImportsFeatureOptions): ImportsFeature {
  const [review, setReview] = useState<Review>();
  const input = useRef<HTMLInputElement>(null);

  const openReview = useCallback(
    async (outcome: ImportOutcome, file: ImportedFile): Promise<void> => {
      const reviewsFacts = outcome.outcome === 'added' || outcome.outcome === 'replaced';
      const [source, facts] = reviewsFacts ? await Promise.all([api.sources.get({ id: outcome.sourceId }), api.facts.list({})]) : [undefined, undefined];
      if (source && !source.ok) notifications.post({ tone: 'error', text: `The imported source cannot be read: ${source.error.message}` });
      if (facts && !facts.ok) notifications.post({ tone: 'error', text: `The facts cannot be listed: ${facts.error.message}` });
      const known = facts?.ok ? facts.value : [];
      const text = source?.ok ? source.value.text : undefined;
      setReview({
        outcome,
        file,
        sourceText: text,
        facts: known.map(({ id, label }) => ({ id, label })).sort(byLabel),
        actions: reviewActions(api, { id: outcome.sourceId, text: text ?? '' }, known),
      });
    },
    [api, notifications],
  );

  /** Starts an import and follows it; once done, opens its review. Resolves with why it could not start. */
  const start = useCallback(
    async (file: ImportedFile, replace?: string): Promise<string | undefined> => {
      const started = await api.sources.import({ ...(file ? { file } : { ask: true }), ...(replace ? { replace } : {}) });
      if (!started.ok) return started.error.message;
      // Null: the analyst cancelled the system's file dialog, so there is nothing to tell.
      if (!started.value) return undefined;
      const { jobId } = started.value;
      void followJob(api, notifications, jobId, file ? `Importing “${file.name}”` : 'Importing the source').then(async (ended) => {
        if (ended !== 'done') return;
        const result = await api.sources.importResult({ jobId });
        if (!result.ok) return void notifications.post({ tone: 'error', text: `The import finished, but what it did cannot be told: ${result.error.message}` });
        await openReview(result.value, file);
      });
      return undefined;
    },
    [api, notifications, openReview],
  );

  const importFiles = useCallback(
    async (files: readonly File[]): Promise<void> => {
      for (const file of files) {
        const refused = await start({ name: file.name, base64: await fileAsBase64(file) });
        if (refused) notifications.post({ tone: 'error', text: `“${file.name}” cannot be imported: ${refused}` });
      }
    },
    [start, notifications],
  );

  useCommands(registry, () =>
    importCommands({
      importSource: () => {
        if (mode === 'browser') return input.current?.click();
        void start(undefined).then((refused) => refused && notifications.post({ tone: 'error', text: refused }));
      },
      workspaceWritable: () => workspaceWritable,
    }),
  );

  const onDropFiles = useCallback((files: readonly File[]) => void importFiles(files), [importFiles]);
  const close = useCallback(() => setReview(undefined), []);

  const elements = (
    <>
      {mode === 'browser' && (
        <input
          ref={input}
          type="file"
          accept={IMPORTABLE_TYPES}
          hidden
          aria-label="Import source"
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            // Cleared, so choosing the same file again is a change too.
            event.currentTarget.value = '';
            void importFiles(files);
          }}
        />
      )}
      {review && (
        <ImportReviewDialog
          key={`${review.outcome.sourceId}-${review.outcome.outcome}`}
          outcome={review.outcome}
          sourceText={review.sourceText}
          facts={review.facts}
          actions={review.actions}
          // The desktop app read the file itself, so it asks for it again; browser mode sends the same bytes.
          onReplace={() => start(review.file, review.outcome.sourceId)}
          onClose={close}
        />
      )}
    </>
  );
  return { elements, onDropFiles };
}
