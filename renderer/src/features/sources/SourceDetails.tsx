import { useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { SourceCredibilitySchema, SourceReliabilitySchema, type Source, type SourceMetadata } from '../../../../shared/model/source';
import { FormFooter } from '../../components/FormFooter';

/** The Admiralty (NATO) grades in words: how reliable the source has been, how credible this information is. */
export const RELIABILITY_NAMES: Readonly<Record<string, string>> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};
export const CREDIBILITY_NAMES: Readonly<Record<number, string>> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

/** "B2", or one grade, or nothing when neither is set. */
export function gradeOf(source: Pick<Source, 'reliability' | 'credibility'>): string {
  return `${source.reliability ?? ''}${source.credibility ?? ''}`;
}

/** The source's metadata, to read and to change through `sources.update`. */
export function SourceDetails({ api, source, onSaved, onClose }: { api: BriefdeskApi; source: Source; onSaved: (source: Source) => void; onClose: () => void }): React.JSX.Element {
  const [value, setValue] = useState<SourceMetadata>({
    title: source.title,
    kind: source.kind,
    publisher: source.publisher,
    publishedAt: source.publishedAt,
    author: source.author ?? '',
    url: source.url ?? '',
    reliability: source.reliability ?? null,
    credibility: source.credibility ?? null,
  });
  const [error, setError] = useState<string>();
  const field = (key: 'title' | 'publisher' | 'author' | 'publishedAt' | 'url', label: string): React.JSX.Element => (
    <label>
      {label}
      <input value={value[key]} onChange={(event) => setValue({ ...value, [key]: event.target.value })} />
    </label>
  );
  return (
    <form
      className="bd-source-details"
      aria-label="Source details"
      onSubmit={(event) => {
        event.preventDefault();
        void api.sources.update({ id: source.id, metadata: value }).then((result) => (result.ok ? onSaved(result.value) : setError(result.error.message)));
      }}
    >
      {field('title', 'Title')}
      {field('publisher', 'Publisher')}
      {field('author', 'Author')}
      {field('publishedAt', 'Date')}
      {field('url', 'URL')}
      <label>
        Reliability
        <select value={value.reliability ?? ''} onChange={(event) => setValue({ ...value, reliability: event.target.value ? SourceReliabilitySchema.parse(event.target.value) : null })}>
          <option value="">Not graded</option>
          {SourceReliabilitySchema.options.map((grade) => (
            <option key={grade} value={grade}>
              {grade} — {RELIABILITY_NAMES[grade]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Credibility
        <select value={value.credibility ?? ''} onChange={(event) => setValue({ ...value, credibility: event.target.value ? SourceCredibilitySchema.parse(Number(event.target.value)) : null })}>
          <option value="">Not graded</option>
          {[1, 2, 3, 4, 5, 6].map((grade) => (
            <option key={grade} value={grade}>
              {grade} — {CREDIBILITY_NAMES[grade]}
            </option>
          ))}
        </select>
      </label>
      <FormFooter {...(error ? { error } : {})} submitLabel="Save details" onCancel={onClose} />
    </form>
  );
}
