import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { z } from 'zod';
import type { ExportStartSchema } from '../../../../shared/contract/export';
import type { ExportFormat, Settings } from '../../../../shared/model/settings';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { BOOK_FILE_NAME, EXPORT_FORMATS, fileNameFromTitle, fileNameProblem, withoutExtension } from './exportFormats';
import './export.css';

/** The dialog's choices as preferences keep them. */
export type ExportChoices = Settings['exportDefaults'];
export type ExportStart = z.infer<typeof ExportStartSchema>;

export interface ExportBrief {
  id: string;
  title: string;
}

/** What the dialog asks for: the export to start, and the choices to remember for next time. */
export interface ExportRequest {
  start: ExportStart;
  choices: ExportChoices;
}

interface ExportDialogProps {
  /** One brief, or several (in order) for a briefing book. */
  briefs: readonly ExportBrief[];
  defaults: ExportChoices;
  /** Resolves with why nothing was exported (shown, the dialog stays open), or undefined when the dialog may close. */
  onExport: (request: ExportRequest) => Promise<string | undefined>;
  onClose: () => void;
}

type Move = { id: string; direction: -1 | 1 };

/** The Export dialog: format, paper, notes, the Sources appendix and the file name; for a book, the briefs' order. */
export function ExportDialog({ briefs, defaults, onExport, onClose }: ExportDialogProps): React.JSX.Element {
  const book = briefs.length > 1;
  const [format, setFormat] = useState<ExportFormat>(defaults.format);
  const [paperSize, setPaperSize] = useState(defaults.paperSize);
  const [notes, setNotes] = useState(defaults.notes);
  const [includeSourceList, setIncludeSourceList] = useState(defaults.includeSourceList);
  const [fileName, setFileName] = useState(() => (book ? BOOK_FILE_NAME : fileNameFromTitle(briefs[0]?.title ?? '')));
  const [order, setOrder] = useState(briefs);
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [lastMove, setLastMove] = useState<Move>();
  const nameInput = useRef<HTMLInputElement>(null);
  const bookList = useRef<HTMLOListElement>(null);
  const ids = { paper: useId(), notes: useId(), format: useId(), extension: useId(), nameError: useId() };
  const { paged, extension } = EXPORT_FORMATS[format];

  // A moved brief keeps the focus on its button, or on the other one once it reached the end of the list.
  useEffect(() => {
    if (!lastMove) return;
    const row = [...(bookList.current?.children ?? [])].find((item) => item instanceof HTMLElement && item.dataset.briefId === lastMove.id);
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const pressed = buttons[lastMove.direction === -1 ? 0 : 1];
    (pressed && !pressed.disabled ? pressed : buttons.find((button) => !button.disabled))?.focus();
  }, [lastMove]);

  const move = (index: number, direction: -1 | 1): void => {
    const next = [...order];
    const [brief] = next.splice(index, 1);
    if (!brief) return;
    next.splice(index + direction, 0, brief);
    setOrder(next);
    setLastMove({ id: brief.id, direction });
  };

  const submit = async (): Promise<void> => {
    const name = withoutExtension(fileName, format);
    const problem = fileNameProblem(name);
    setNameError(problem);
    if (problem) return nameInput.current?.focus();
    setBusy(true);
    setError(undefined);
    const refused = await onExport({
      start: {
        briefIds: order.map((brief) => brief.id),
        // Files without pages always put their notes at the end, whatever the analyst chose for paged ones.
        options: { format, paper: paperSize, notes: paged ? notes : 'end', includeSources: includeSourceList },
        fileName: name,
      },
      choices: { format, paperSize, notes, includeSourceList },
    });
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };

  // Enter exports from every field, as it does from the file name; a select or a checkbox would ignore it.
  const enterExports = (event: KeyboardEvent<HTMLFormElement>): void => {
    const target = event.target;
    const chooser = target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === 'checkbox');
    if (event.key !== 'Enter' || !chooser || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    event.currentTarget.requestSubmit();
  };

  return (
    <Dialog title={book ? 'Export briefing book' : 'Export brief'} onClose={onClose}>
      <form
        className="bd-form bd-export-form"
        onKeyDown={enterExports}
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void submit();
        }}
      >
        <label className="bd-field">
          <span>Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} aria-describedby={book ? ids.format : undefined}>
            {Object.entries(EXPORT_FORMATS).map(([id, info]) => (
              <option key={id} value={id}>
                {info.label}
              </option>
            ))}
          </select>
          {book && (
            <span id={ids.format} className="bd-field-hint">
              A briefing book is made as PDF or Word.
            </span>
          )}
        </label>
        <label className="bd-field">
          <span>Paper size</span>
          <select value={paperSize} disabled={!paged} onChange={(e) => setPaperSize(e.target.value as ExportChoices['paperSize'])} aria-describedby={paged ? undefined : ids.paper}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
          {!paged && (
            <span id={ids.paper} className="bd-field-hint">
              {EXPORT_FORMATS[format].label} has no pages.
            </span>
          )}
        </label>
        <label className="bd-field">
          <span>Notes</span>
          <select value={paged ? notes : 'end'} disabled={!paged} onChange={(e) => setNotes(e.target.value as ExportChoices['notes'])} aria-describedby={paged ? undefined : ids.notes}>
            <option value="foot">Footnotes at the page bottom</option>
            <option value="end">Endnotes</option>
          </select>
          {!paged && (
            <span id={ids.notes} className="bd-field-hint">
              {EXPORT_FORMATS[format].label} always puts the notes at the end.
            </span>
          )}
        </label>
        <label className="bd-field is-inline">
          <input type="checkbox" checked={includeSourceList} onChange={(e) => setIncludeSourceList(e.target.checked)} />
          <span>Include the Sources appendix</span>
        </label>
        <label className="bd-field">
          <span>File name</span>
          <span className="bd-export-name">
            <input
              ref={nameInput}
              value={fileName}
              onChange={(e) => setFileName(e.target.value)}
              aria-invalid={nameError !== undefined}
              aria-describedby={nameError ? `${ids.extension} ${ids.nameError}` : ids.extension}
            />
            <span id={ids.extension} className="bd-export-extension">
              {extension}
            </span>
          </span>
          {nameError && (
            <span id={ids.nameError} className="bd-error">
              {nameError}
            </span>
          )}
        </label>
        {book && (
          <fieldset className="bd-export-book">
            <legend>Briefs in the book, in this order</legend>
            <ol ref={bookList}>
              {order.map((brief, index) => (
                <li key={brief.id} data-brief-id={brief.id}>
                  <span className="bd-export-book-title">{brief.title}</span>
                  <button type="button" className="bd-button" disabled={index === 0} aria-label={`Move “${brief.title}” up`} onClick={() => move(index, -1)}>
                    ↑
                  </button>
                  <button type="button" className="bd-button" disabled={index === order.length - 1} aria-label={`Move “${brief.title}” down`} onClick={() => move(index, 1)}>
                    ↓
                  </button>
                </li>
              ))}
            </ol>
          </fieldset>
        )}
        <FormFooter error={error} submitLabel="Export" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
