import { useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { Banner } from '../../components/Banner';

interface DamagedBriefViewProps {
  api: BriefdeskApi;
  id: string;
  reason: string;
  onShowHistory: () => void;
}

/** A brief that cannot be read: its reason, its raw text read-only on request, and the way back through history. */
export function DamagedBriefView({ api, id, reason, onShowHistory }: DamagedBriefViewProps): React.JSX.Element {
  const [raw, setRaw] = useState<{ text: string; truncated: boolean }>();
  const [error, setError] = useState<string>();
  return (
    <div className="bd-damaged">
      <Banner
        tone="error"
        actions={[
          { label: 'Show the file as text', onClick: () => void api.briefs.readRaw({ id }).then((r) => (r.ok ? setRaw(r.value) : setError(r.error.message))) },
          { label: 'Recover from history…', onClick: onShowHistory, primary: true },
        ]}
      >
        {reason} Briefdesk will not change or delete this file.
      </Banner>
      {error && <p className="bd-error bd-pad">{error}</p>}
      {raw && (
        <pre className="bd-raw" aria-label="File contents (read-only)">
          {raw.text}
          {raw.truncated ? '\n… (only the first 2 MB are shown)' : ''}
        </pre>
      )}
    </div>
  );
}
