import { useId, useState } from 'react';
import { FormFooter } from './FormFooter';

export interface FactFormValue<K extends string = string> {
  id: string;
  kind: K;
  label: string;
  summary: string;
  date?: string | undefined;
  tags: string[];
  /** Other names the fact goes by, one per line in the form: trimmed, no empty ones, none twice (ignoring case). */
  aliases: string[];
}

interface FactFormProps<K extends string> {
  /** The fact kinds to choose from; the first is the default. */
  kinds: readonly K[];
  /** A fact's aliases may come as they are stored (`{ text, … }`): the form shows and edits their text. */
  initial?: Partial<Omit<FactFormValue<K>, 'aliases'>> & { aliases?: ReadonlyArray<string | { text: string }> };
  idLocked?: boolean;
  /** The catalogue's limits for aliases (FACT_LIMITS.aliasChars, FACT_LIMITS.aliasesPerFact), checked before submitting. */
  aliasLimits?: { chars: number; count: number };
  onSubmit: (value: FactFormValue<K>) => Promise<string | undefined>;
  onClose: () => void;
}

/** The aliases typed one per line, or why they cannot be saved. */
export function parseAliases(typed: string, limits?: { chars: number; count: number }): { aliases: string[] } | { problem: string } {
  const aliases = typed.split('\n').map((line) => line.trim()).filter(Boolean);
  const seen = new Map<string, string>();
  for (const alias of aliases) {
    const folded = alias.toLocaleLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) return { problem: earlier === alias ? `The alias “${alias}” is listed twice.` : `The aliases “${earlier}” and “${alias}” differ only in case: keep one.` };
    seen.set(folded, alias);
    if (limits && alias.length > limits.chars) return { problem: `The alias “${alias.slice(0, 40)}…” is longer than ${limits.chars} characters.` };
  }
  if (limits && aliases.length > limits.count) return { problem: `A fact can have at most ${limits.count} aliases; this one has ${aliases.length}.` };
  return { aliases };
}

export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

export function FactForm<K extends string>({ kinds, initial, idLocked, aliasLimits, onSubmit, onClose }: FactFormProps<K>): React.JSX.Element {
  const [label, setLabel] = useState(initial?.label ?? '');
  const [kind, setKind] = useState<K>(initial?.kind ?? kinds[0]!);
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [date, setDate] = useState(initial?.date ?? '');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [aliases, setAliases] = useState((initial?.aliases ?? []).map((alias) => (typeof alias === 'string' ? alias : alias.text)).join('\n'));
  const [aliasProblem, setAliasProblem] = useState<string>();
  const [error, setError] = useState<string>();
  const aliasHelpId = useId();
  return (
    <form
      className="bd-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseAliases(aliases, aliasLimits);
        if ('problem' in parsed) {
          setAliasProblem(parsed.problem);
          setError(parsed.problem);
          return;
        }
        setAliasProblem(undefined);
        const value: FactFormValue<K> = {
          id: idLocked && initial?.id ? initial.id : slugify(label),
          kind,
          label: label.trim(),
          summary: summary.trim(),
          date: date.trim() || undefined,
          tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
          aliases: parsed.aliases,
        };
        void onSubmit(value).then((problem) => (problem ? setError(problem) : onClose()));
      }}
    >
      <label className="bd-field">
        <span>Label</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} required />
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
      <div className="bd-field">
        <label className="bd-field">
          <span>Aliases (other names for it, one per line, optional)</span>
          <textarea
            value={aliases}
            onChange={(e) => setAliases(e.target.value)}
            rows={3}
            aria-invalid={aliasProblem !== undefined}
            aria-describedby={aliasHelpId}
            spellCheck={false}
          />
        </label>
        <small id={aliasHelpId} className="bd-muted">
          {aliasProblem ?? 'Its name is matched already: add the other names a brief may use, like “Chairman Kim”.'}
        </small>
      </div>
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
