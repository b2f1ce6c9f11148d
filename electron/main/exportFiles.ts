import { app, dialog, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ExportDesktop } from '../host/services/export/exportService';
import type { ExportFormat } from '../../shared/model/settings';

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'Web page', extensions: ['html'] },
};

/**
 * The desktop app's side of export: the system save dialog (which asks before replacing a file; the renderer never
 * names a path) and opening or showing the written file.
 */
export function desktopExport(getWindow: () => BrowserWindow | undefined): ExportDesktop {
  return {
    async chooseExportPath(suggestedName, format) {
      const window = getWindow();
      const options = {
        title: 'Export',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [FILTERS[format]],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
      };
      const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return canceled || !filePath ? undefined : filePath;
    },
    async revealFile(path, how) {
      if (how === 'showInFolder') {
        shell.showItemInFolder(path);
        return;
      }
      const problem = await shell.openPath(path);
      if (problem) throw new Error(`${path} could not be opened: ${problem}`);
    },
  };
}
