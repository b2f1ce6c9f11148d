import type { ReadOnlyReason } from './briefSessionStore';

/** How many unknown node types a banner names before it says "and N more" (a hostile file could hold hundreds). */
const NAMED_TYPES = 5;

function typeList(types: readonly string[]): string {
  const named = types.slice(0, NAMED_TYPES).join(', ');
  return types.length > NAMED_TYPES ? `${named} and ${types.length - NAMED_TYPES} more` : named;
}

/** The banner over a read-only brief: what is wrong, and that the file is left alone. */
export function readOnlyBannerText(reason: ReadOnlyReason): string {
  switch (reason.kind) {
    case 'unknownNodes':
      return `This brief contains content this version of Briefdesk cannot show (${typeList(reason.types)}). Nothing will be changed.`;
    case 'unreadable':
      return `This brief could not be opened in the editor (${reason.reason}). Its text is shown for reading only. Nothing will be changed.`;
    case 'workspace':
      return `This workspace cannot be changed: ${reason.reason}. Briefs open for reading only; nothing is saved.`;
  }
}

/** The status line's reason, the one answer to a Ctrl+S that does nothing. */
export function readOnlyStatusText(reason: ReadOnlyReason): string {
  switch (reason.kind) {
    case 'unknownNodes':
      return 'not saved, this brief has content this version cannot show';
    case 'unreadable':
      return 'not saved, this brief could not be read in full';
    case 'workspace':
      return `not saved, the workspace cannot be changed (${reason.reason})`;
  }
}
