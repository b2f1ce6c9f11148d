import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { CommandRegistry, RunMode } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { useCommands } from '../../api/useCommands';
import { exportCommands } from './exportCommands';
import { ExportDialog, type ExportBrief, type ExportChoices, type ExportRequest } from './ExportDialog';
import { EXPORT_FORMATS } from './exportFormats';
import { followExport } from './exportJob';

export interface ExportFeatureOptions {
  api: BriefdeskApi;
  registry: CommandRegistry;
  notifications: NotificationStore;
  mode: RunMode;
  /** The remembered choices the dialog opens with. */
  defaults: ExportChoices;
  /** Writes changed choices back to the preferences (only the keys that changed); the reason in words when it could not. */
  onRemember: (patch: Partial<ExportChoices>) => Promise<string | undefined>;
  /** The workspace's briefs, to name the ones exported. */
  briefs: readonly ExportBrief[];
  openBriefId: string | undefined;
  /** The briefs selected in the sidebar, in its order. */
  selectedBriefIds: readonly string[];
  /** Saves the open brief's unsaved edits; resolves with why it could not, or undefined once they are on disk. */
  flush: () => Promise<string | undefined>;
}

export interface ExportFeature {
  dialog: ReactNode;
}

const UNTITLED = 'Untitled brief';

/**
 * The export feature: its commands, the Export dialog, and the job that follows. The export reads the briefs from
 * disk, so the open brief's edits are saved first; the job outlives the dialog, so closing it never loses an export.
 */
export function useExportFeature({ api, registry, notifications, mode, defaults, onRemember, briefs, openBriefId, selectedBriefIds, flush }: ExportFeatureOptions): ExportFeature {
  const [exporting, setExporting] = useState<readonly ExportBrief[]>();
  // Counts the dialog's openings and closings: an answer that arrives after its dialog went is told in a notice.
  const dialogSession = useRef(0);

  const open = (ids: readonly string[]): void => {
    if (ids.length === 0 || exporting) return;
    dialogSession.current += 1;
    setExporting(ids.map((id) => ({ id, title: briefs.find((brief) => brief.id === id)?.title ?? UNTITLED })));
  };

  const close = useCallback(() => {
    dialogSession.current += 1;
    setExporting(undefined);
  }, []);

  useCommands(registry, () =>
    exportCommands({
      exportBriefs: () => open(selectedBriefIds.length > 0 ? selectedBriefIds : openBriefId ? [openBriefId] : []),
      exportBook: () => open(selectedBriefIds),
    }),
  );

  const remember = (choices: ExportChoices): void => {
    const patch: Partial<ExportChoices> = {};
    for (const key of Object.keys(choices) as (keyof ExportChoices)[]) if (choices[key] !== defaults[key]) Object.assign(patch, { [key]: choices[key] });
    if (Object.keys(patch).length === 0) return;
    void onRemember(patch).then((problem) => problem && notifications.post({ tone: 'warning', text: `Your export choices could not be remembered: ${problem}` }));
  };

  const onExport = async ({ start, choices }: ExportRequest): Promise<string | undefined> => {
    const session = dialogSession.current;
    const refuse = (message: string): string => {
      if (dialogSession.current !== session) notifications.post({ tone: 'error', text: message });
      return message;
    };
    if (openBriefId !== undefined && start.briefIds.includes(openBriefId)) {
      const unsaved = await flush();
      if (unsaved) return refuse(`The open brief’s edits could not be saved, so nothing was exported. ${unsaved}`);
    }
    const started = await api.export.start(start);
    if (!started.ok) return refuse(started.error.message);
    remember(choices);
    // Null: the analyst cancelled the system's save dialog (desktop app), so there is nothing to tell.
    if (started.value) void followExport(api, notifications, mode, started.value.jobId, `Exporting “${start.fileName}${EXPORT_FORMATS[start.options.format].extension}”`);
    return undefined;
  };

  return { dialog: exporting && <ExportDialog briefs={exporting} defaults={defaults} onExport={onExport} onClose={close} /> };
}
