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
  const id = useId();
  const ids = {
    format: `${id}format`,
    formatHint: `${id}format-hint`,
    paper: `${id}paper`,
    paperHint: `${id}paper-hint`,
    notes: `${id}notes`,
    notesHint: `${id}notes-hint`,
    name: `${id}name`,
    extension: `${id}extension`,
    nameError: `${id}name-error`,
  };
  const { label, paged, extension } = EXPORT_FORMATS[format];

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
        <div className="bd-field">
          <label htmlFor={ids.format}>Format</label>
          <select id={ids.format} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} aria-describedby={book ? ids.formatHint : undefined}>
            {Object.entries(EXPORT_FORMATS).map(([id, info]) => (
              <option key={id} value={id}>
                {info.label}
              </option>
            ))}
          </select>
          {book && (
            <span id={ids.formatHint} className="bd-field-hint">
              A briefing book is made as PDF or Word.
            </span>
          )}
        </div>
        <div className="bd-field">
          <label htmlFor={ids.paper}>Paper size</label>
          <select
            id={ids.paper}
            value={paperSize}
            disabled={!paged}
            onChange={(e) => setPaperSize(e.target.value as ExportChoices['paperSize'])}
            aria-describedby={paged ? undefined : ids.paperHint}
          >
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
          {!paged && (
            <span id={ids.paperHint} className="bd-field-hint">
              {label} has no pages.
            </span>
          )}
        </div>
        <div className="bd-field">
          <label htmlFor={ids.notes}>Notes</label>
          <select
            id={ids.notes}
            value={paged ? notes : 'end'}
            disabled={!paged}
            onChange={(e) => setNotes(e.target.value as ExportChoices['notes'])}
            aria-describedby={paged ? undefined : ids.notesHint}
          >
            <option value="foot">Footnotes at the page bottom</option>
            <option value="end">Endnotes</option>
          </select>
          {!paged && (
            <span id={ids.notesHint} className="bd-field-hint">
              {label} always puts the notes at the end.
            </span>
          )}
        </div>
        <label className="bd-field is-inline">
          <input type="checkbox" checked={includeSourceList} onChange={(e) => setIncludeSourceList(e.target.checked)} />
          <span>Include the Sources appendix</span>
        </label>
        <div className="bd-field">
          <label htmlFor={ids.name}>File name</label>
          <span className="bd-export-name">
            <input
              id={ids.name}
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
        </div>
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
