import { useCallback, useRef, useState } from 'react';
import type { CommandRegistry } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { saveAsDownload, textAsBase64 } from '../../api/browserDownload';
import { useCommands } from '../../api/useCommands';
import type { QuotedPassage } from '../../editor/plugins/SourceQuotePlugin';
import { SourcePane, type SourceTarget } from './SourcePane';
import { sourceCommands, type ReaderActions } from './sourceCommands';

interface SourcesFeatureOptions {
  api: BriefdeskApi;
  registry: CommandRegistry;
  notifications: NotificationStore;
  /** The passage "Show in source" asked for last. */
  target: SourceTarget | undefined;
  /** Opens the Source pane (the workbench decides where). */
  onOpenPane: () => void;
  /** Quotes a passage in the open brief (the briefs feature's); why it could not, in words. */
  onQuote: (passage: QuotedPassage) => string | undefined;
  /** Imports files dropped on the list of sources (the imports feature's). */
  onDropFiles: (files: readonly File[]) => void;
}

/**
 * The sources feature: the Source pane (a list of sources, and a reader with annotations) and its commands, which
 * are registered for the window's lifetime so that "Show sources" works while the pane is closed.
 */
export function useSourcesFeature({ api, registry, notifications, target, onOpenPane, onQuote, onDropFiles }: SourcesFeatureOptions): { pane: React.JSX.Element; elements: React.JSX.Element } {
  const [openSourceId, setOpenSourceId] = useState<string>();
  const reader = useRef<ReaderActions>(undefined);
  const setReader = useCallback((actions: ReaderActions | undefined) => {
    reader.current = actions;
  }, []);

  // Every "Show in source" opens its source, whichever the analyst was reading.
  const [shownTarget, setShownTarget] = useState(target);
  if (target !== shownTarget) {
    setShownTarget(target);
    if (target) setOpenSourceId(target.sourceId);
  }

  const importInput = useRef<HTMLInputElement>(null);
  const exportAnnotations = async (format: 'markdown' | 'jsonld'): Promise<void> => {
    const args = openSourceId ? { sourceId: openSourceId } : {};
    const exported = format === 'markdown' ? await api.annotations.exportMarkdown(args) : await api.annotations.exportJsonLd(args);
    if (!exported.ok) return void notifications.post({ tone: 'error', text: exported.error.message });
    const { fileName, text, notices } = exported.value;
    saveAsDownload({ fileName, mimeType: format === 'markdown' ? 'text/markdown' : 'application/ld+json', base64: textAsBase64(text) });
    notifications.post({ tone: notices.length > 0 ? 'warning' : 'info', text: [`Annotations exported as ${fileName}.`, ...notices].join(' ') });
  };
  const importAnnotations = async (file: File): Promise<void> => {
    const imported = await api.annotations.importJsonLd({ text: await file.text() });
    if (!imported.ok) return void notifications.post({ tone: 'error', text: `${file.name} was not imported: ${imported.error.message}` });
    const { imported: count, skipped } = imported.value;
    notifications.post({ tone: skipped.length > 0 ? 'warning' : 'info', text: [`Imported ${count} annotation${count === 1 ? '' : 's'} from ${file.name}.`, ...skipped.map((why) => `Skipped: ${why}`)].join(' ') });
  };

  useCommands(registry, () =>
    sourceCommands({
      showSources: () => {
        setOpenSourceId(undefined);
        onOpenPane();
      },
      reader: reader.current,
      transfer: { exportAnnotations: (format) => void exportAnnotations(format), importAnnotations: () => importInput.current?.click() },
    }),
  );

  const annotationsInput = (
    <input
      ref={importInput}
      type="file"
      accept=".json,.jsonld,application/ld+json,application/json"
      hidden
      aria-label="Annotations to import"
      onChange={(event) => {
        const [file] = event.currentTarget.files ?? [];
        event.currentTarget.value = '';
        if (file) void importAnnotations(file);
      }}
    />
  );

  return {
    elements: annotationsInput,
    pane: <SourcePane api={api} notifications={notifications} target={target} openSourceId={openSourceId} onOpenSource={setOpenSourceId} onReader={setReader} onQuote={onQuote} onDropFiles={onDropFiles} />,
  };
}
