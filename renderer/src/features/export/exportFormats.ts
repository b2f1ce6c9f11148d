import { ExportFileNameSchema } from '../../../../shared/contract/export';
import { NAME_CHARS } from '../../../../shared/limits';
import type { ExportFormat } from '../../../../shared/model/settings';

interface FormatInfo {
  label: string;
  extension: string;
  /** Paged formats have a paper size and can put notes at the foot of each page. */
  paged: boolean;
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, FormatInfo>> = {
  pdf: { label: 'PDF', extension: '.pdf', paged: true },
  docx: { label: 'Word (.docx)', extension: '.docx', paged: true },
  md: { label: 'Markdown', extension: '.md', paged: false },
  html: { label: 'HTML', extension: '.html', paged: false },
};

/** What a briefing book (several briefs in one file) is offered as. */
export const BOOK_FILE_NAME = 'Briefing book';
const FALLBACK_FILE_NAME = 'Brief';

// The characters the contract refuses in a file name, and runs of them: a title like "Hanoi: day 2" is still a name.
const REFUSED_CHARACTERS = /[/\\:*?"<>|\p{Cc}]+/gu;

/** A file name made from a brief's title: what the contract would refuse becomes a space; never empty. */
export function fileNameFromTitle(title: string): string {
  const name = title.replace(REFUSED_CHARACTERS, ' ').replace(/\s+/g, ' ').replace(/^[\s.]+/, '').slice(0, NAME_CHARS).trim();
  return name || FALLBACK_FILE_NAME;
}

/** The name as the host will get it: without the format's extension if the analyst typed it (the host adds it). */
export function withoutExtension(name: string, format: ExportFormat): string {
  const { extension } = EXPORT_FORMATS[format];
  const trimmed = name.trim();
  return trimmed.toLowerCase().endsWith(extension) ? trimmed.slice(0, -extension.length).trim() : trimmed;
}

/** Why the host would refuse this file name, in words; undefined when it is fine. */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim().length === 0) return 'Give the file a name.';
  if (name.trim().length > NAME_CHARS) return `A file name can be at most ${NAME_CHARS} characters long.`;
  const parsed = ExportFileNameSchema.safeParse(name);
  if (parsed.success) return undefined;
  const message = parsed.error.issues[0]?.message ?? 'This file name cannot be used.';
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
