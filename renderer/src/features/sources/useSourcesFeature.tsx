import { useCallback, useRef, useState } from 'react';
import type { CommandRegistry } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
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
export function useSourcesFeature({ api, registry, notifications, target, onOpenPane, onQuote, onDropFiles }: SourcesFeatureOptions): { pane: React.JSX.Element } {
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

  useCommands(registry, () =>
    sourceCommands({
      showSources: () => {
        setOpenSourceId(undefined);
        onOpenPane();
      },
      reader: reader.current,
    }),
  );

  return {
    pane: <SourcePane api={api} notifications={notifications} target={target} openSourceId={openSourceId} onOpenSource={setOpenSourceId} onReader={setReader} onQuote={onQuote} onDropFiles={onDropFiles} />,
  };
}
