import { useState } from 'react';
import { FormFooter } from './FormFooter';

export interface FactFormValue<K extends string = string> {
  id: string;
  kind: K;
  label: string;
  summary: string;
  date?: string | undefined;
  tags: string[];
  aliases: Array<{ text: string; caseSensitive: boolean; analystForm: boolean; ambiguous: boolean }>;
}

interface FactFormProps<K extends string> {
  /** The fact kinds to choose from; the first is the default. */
  kinds: readonly K[];
  initial?: Partial<FactFormValue<K>>;
  idLocked?: boolean;
  onSubmit: (value: FactFormValue<K>) => Promise<string | undefined>;
  onClose: () => void;
}

const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

export function FactForm<K extends string>({ kinds, initial, idLocked, onSubmit, onClose }: FactFormProps<K>): React.JSX.Element {
  const [label, setLabel] = useState(initial?.label ?? '');
  const [kind, setKind] = useState<K>(initial?.kind ?? kinds[0]!);
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [date, setDate] = useState(initial?.date ?? '');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [error, setError] = useState<string>();
  return (
    <form
      className="bd-form"
      onSubmit={(event) => {
        event.preventDefault();
        const value: FactFormValue<K> = {
          id: idLocked && initial?.id ? initial.id : slugify(label),
          kind,
          label: label.trim(),
          summary: summary.trim(),
          date: date.trim() || undefined,
          tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
          aliases: initial?.aliases ?? [],
        };
        void onSubmit(value).then((problem) => (problem ? setError(problem) : onClose()));
      }}
    >
      <label className="bd-field">
        <span>Label</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} required autoFocus />
      </label>
      <label className="bd-field">
        <span>Kind</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as K)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="bd-field">
        <span>Summary (one sentence, in your own words)</span>
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} required rows={3} />
      </label>
      <label className="bd-field">
        <span>Date (YYYY, YYYY-MM or YYYY-MM-DD, optional)</span>
        <input value={date} onChange={(e) => setDate(e.target.value)} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
      </label>
      <label className="bd-field">
        <span>Tags (comma-separated)</span>
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <FormFooter error={error} submitLabel="Save fact" onCancel={onClose} />
    </form>
  );
}
