import { useId, useState } from 'react';
import { ProposedFactSchema, type ImportOutcome, type ProposedFact } from '../../../../shared/contract/sources';
import { FactKindSchema, type FactKind } from '../../../../shared/model/fact';
import { Dialog } from '../../components/Dialog';
import { FactKindBadge } from '../../components/FactKindBadge';
import { passageAround, type ProposalEdit, type ReviewActions } from './reviewActions';
import './imports.css';

type ProposedKind = ProposedFact['kind'];

const KIND_GROUPS: Readonly<Record<ProposedKind, string>> = {
  person: 'people',
  place: 'places',
  organization: 'organizations',
  date: 'dates',
  quotation: 'quotations',
};

/** A fact the review may offer to merge a proposal into. */
export interface MergeTarget {
  id: string;
  label: string;
}

interface ImportReviewDialogProps {
  outcome: ImportOutcome;
  /** The imported source's text, where the passages are (added and replaced). */
  sourceText: string | undefined;
  /** The workspace's facts, for Merge into…. */
  facts: readonly MergeTarget[];
  actions: ReviewActions;
  /** Imports the changed version again, replacing the source; why it could not, or undefined once it started. */
  onReplace: () => Promise<string | undefined>;
  onClose: () => void;
}

/** What became of a proposal: undefined while the analyst has yet to decide. */
type Decision = { said: string } | { problem: string } | undefined;

/** The Import review: what a finished import did, and for a new (or replacing) source, the facts found in it. */
export function ImportReviewDialog({ outcome, sourceText, facts, actions, onReplace, onClose }: ImportReviewDialogProps): React.JSX.Element {
  return (
    <Dialog title="Import review" onClose={onClose}>
      <div className="bd-import-review">
        {outcome.outcome === 'duplicate' && <DuplicateReview outcome={outcome} onClose={onClose} />}
        {outcome.outcome === 'changed' && <ChangedReview outcome={outcome} onReplace={onReplace} onClose={onClose} />}
        {(outcome.outcome === 'added' || outcome.outcome === 'replaced') && (
          <ProposalsReview outcome={outcome} sourceText={sourceText} facts={facts} actions={actions} onClose={onClose} />
        )}
      </div>
    </Dialog>
  );
}

function DuplicateReview({ outcome, onClose }: { outcome: ImportOutcome; onClose: () => void }): React.JSX.Element {
  return (
    <>
      <p>
        “{outcome.fileName}” is already in the workspace as “{outcome.title}”; nothing was added.
      </p>
      <div className="bd-form-actions">
        <button type="button" className="bd-button is-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}

function ChangedReview({ outcome, onReplace, onClose }: { outcome: ImportOutcome; onReplace: () => Promise<string | undefined>; onClose: () => void }): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const moving = outcome.anchorChanges.filter((change) => change.grade !== 'anchored');
  const replace = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    const refused = await onReplace();
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };
  return (
    <>
      <p>
        “{outcome.fileName}” is a new version of “{outcome.title}”. Nothing has been changed yet.
      </p>
      {moving.length === 0 ? (
        <p>Every fact’s quote from it would be found again unchanged.</p>
      ) : (
        <>
          <p>Replacing the source would move these facts’ quotes:</p>
          <ul className="bd-import-changes" aria-label="Quotes that would move">
            {moving.map((change, index) => (
              <li key={`${change.factId}-${index}`}>
                <strong>{change.factLabel}</strong>:{' '}
                {change.grade === 'moved' ? (
                  <>
                    “<del>{change.previous}</del>” → “<ins>{change.current}</ins>”
                  </>
                ) : (
                  <>
                    “<del>{change.previous}</del>” would no longer be found{change.reason ? ` (${change.reason})` : ''}; the fact keeps it, flagged for review.
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="bd-error" role="alert">
          {error}
        </p>
      )}
      <div className="bd-form-actions">
        <button type="button" className="bd-button" onClick={onClose}>
          Keep the old one
        </button>
        <button type="button" className="bd-button is-primary" disabled={busy} onClick={() => void replace()}>
          Replace the source
        </button>
      </div>
    </>
  );
}

interface ProposalsReviewProps {
  outcome: ImportOutcome;
  sourceText: string | undefined;
  facts: readonly MergeTarget[];
  actions: ReviewActions;
  onClose: () => void;
}

function replacedSummary({ anchorChanges, annotations }: ImportOutcome): string {
  const count = (grade: 'moved' | 'orphaned'): number => anchorChanges.filter((change) => change.grade === grade).length;
  const parts = [`${count('moved')} fact quotes moved`, `${count('orphaned')} no longer found`];
  if (annotations) parts.push(`${annotations.moved} annotations moved and ${annotations.orphaned} no longer found`);
  return parts.join(', ');
}

function ProposalsReview({ outcome, sourceText, facts, actions, onClose }: ProposalsReviewProps): React.JSX.Element {
  const { proposals } = outcome;
  const [edits, setEdits] = useState<ProposalEdit[]>(() => proposals.map((proposal) => ({ label: proposal.label, kind: proposal.kind, aliases: proposal.aliases.join(', ') })));
  const [decisions, setDecisions] = useState<Decision[]>(() => proposals.map(() => undefined));
  const [busy, setBusy] = useState(false);
  const decide = (indexes: readonly number[], decision: Decision): void =>
    setDecisions((current) => current.map((old, index) => (indexes.includes(index) ? decision : old)));
  const pending = (index: number): boolean => decisions[index] === undefined || 'problem' in decisions[index];

  /** Runs one decision at a time: the host reads and writes the same catalogue for each. */
  const run = async (work: () => Promise<void>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const acceptOne = async (index: number): Promise<void> => {
    const proposal = proposals[index]!;
    const problem = await actions.accept(proposal, edits[index]!);
    decide([index], problem ? { problem } : { said: proposal.match ? `Added to “${proposal.match.label}”.` : 'Added as a new fact.' });
  };
  const accept = (indexes: readonly number[]): Promise<void> =>
    run(async () => {
      for (const index of indexes) await acceptOne(index);
    });
  const reject = (indexes: readonly number[]): Promise<void> =>
    run(async () => {
      const problem = await actions.reject(indexes.map((index) => proposals[index]!));
      decide(indexes, problem ? { problem } : { said: 'Rejected: not proposed for this source again.' });
    });
  const merge = (index: number, target: MergeTarget): Promise<void> =>
    run(async () => {
      const problem = await actions.merge(proposals[index]!, target.id);
      decide([index], problem ? { problem } : { said: `Merged into “${target.label}”.` });
    });

  const kinds = ProposedFactSchema.shape.kind.options.filter((kind) => proposals.some((proposal) => proposal.kind === kind));
  return (
    <>
      <p>
        {outcome.outcome === 'replaced' ? `“${outcome.title}” was replaced: ${replacedSummary(outcome)}.` : `“${outcome.title}” was added.`}{' '}
        {proposals.length === 0 ? 'No facts were found in it to propose.' : 'These facts were found in it: accept the ones your catalogue should have.'}
      </p>
      {kinds.map((kind) => {
        const indexes = proposals.flatMap((proposal, index) => (proposal.kind === kind ? [index] : []));
        const open = indexes.filter(pending);
        return (
          <section key={kind} className="bd-import-kind" aria-label={`Proposed ${KIND_GROUPS[kind]}`}>
            <header className="bd-import-kind-head">
              <h3>
                <FactKindBadge kind={kind} /> {indexes.length}
              </h3>
              <button type="button" className="bd-button" aria-label={`Accept all ${KIND_GROUPS[kind]}`} disabled={busy || open.length === 0} onClick={() => void accept(open)}>
                Accept all
              </button>
              <button type="button" className="bd-button" aria-label={`Reject all ${KIND_GROUPS[kind]}`} disabled={busy || open.length === 0} onClick={() => void reject(open)}>
                Reject all
              </button>
            </header>
            <ul className="bd-import-proposals">
              {indexes.map((index) => (
                <ProposalRow
                  key={index}
                  proposal={proposals[index]!}
                  sourceText={sourceText}
                  edit={edits[index]!}
                  decision={decisions[index]}
                  busy={busy}
                  facts={facts}
                  onEdit={(edit) => setEdits((current) => current.map((old, at) => (at === index ? edit : old)))}
                  onAccept={() => void accept([index])}
                  onMerge={(target) => void merge(index, target)}
                  onReject={() => void reject([index])}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <div className="bd-form-actions">
        <button type="button" className="bd-button is-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

interface ProposalRowProps {
  proposal: ProposedFact;
  sourceText: string | undefined;
  edit: ProposalEdit;
  decision: Decision;
  busy: boolean;
  facts: readonly MergeTarget[];
  onEdit: (edit: ProposalEdit) => void;
  onAccept: () => void;
  onMerge: (target: MergeTarget) => void;
  onReject: () => void;
}

function ProposalRow({ proposal, sourceText, edit, decision, busy, facts, onEdit, onAccept, onMerge, onReject }: ProposalRowProps): React.JSX.Element {
  const id = useId();
  const [merging, setMerging] = useState(false);
  const [mergeId, setMergeId] = useState('');
  const decided = decision !== undefined && 'said' in decision;
  const passage = sourceText === undefined ? undefined : passageAround(sourceText, proposal.anchor.start, proposal.anchor.end);
  const target = facts.find((fact) => fact.id === mergeId);
  return (
    <li>
      <fieldset className="bd-import-proposal" disabled={decided}>
        <legend>{proposal.label}</legend>
        {proposal.match ? (
          <p className="bd-import-match">Also mentioned here: accepting adds this passage to “{proposal.match.label}”.</p>
        ) : (
          <div className="bd-import-fields">
            <span className="bd-field">
              <label htmlFor={`${id}label`}>Label</label>
              <input id={`${id}label`} value={edit.label} onChange={(e) => onEdit({ ...edit, label: e.target.value })} />
            </span>
            <span className="bd-field">
              <label htmlFor={`${id}kind`}>Kind</label>
              <select id={`${id}kind`} value={edit.kind} onChange={(e) => onEdit({ ...edit, kind: e.target.value as FactKind })}>
                {FactKindSchema.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </select>
            </span>
            <span className="bd-field">
              <label htmlFor={`${id}aliases`}>Aliases (comma-separated)</label>
              <input id={`${id}aliases`} value={edit.aliases} onChange={(e) => onEdit({ ...edit, aliases: e.target.value })} />
            </span>
          </div>
        )}
        {passage && (
          <blockquote className="bd-import-passage" aria-label="Found in">
            {passage.before}
            <mark>{passage.exact}</mark>
            {passage.after}
          </blockquote>
        )}
        {decided ? (
          <p className="bd-import-decision">{decision.said}</p>
        ) : merging ? (
          <div className="bd-import-actions">
            <label htmlFor={`${id}merge`}>Merge into</label>
            <select id={`${id}merge`} value={mergeId} onChange={(e) => setMergeId(e.target.value)}>
              <option value="">Choose a fact…</option>
              {facts.map((fact) => (
                <option key={fact.id} value={fact.id}>
                  {fact.label}
                </option>
              ))}
            </select>
            <button type="button" className="bd-button is-primary" disabled={busy || !target} onClick={() => target && onMerge(target)}>
              Merge
            </button>
            <button type="button" className="bd-button" onClick={() => setMerging(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="bd-import-actions">
            <button type="button" className="bd-button is-primary" disabled={busy} onClick={onAccept}>
              Accept
            </button>
            <button type="button" className="bd-button" disabled={busy || facts.length === 0} onClick={() => setMerging(true)}>
              Merge into…
            </button>
            <button type="button" className="bd-button" disabled={busy} onClick={onReject}>
              Reject
            </button>
          </div>
        )}
        {decision && 'problem' in decision && (
          <p className="bd-error" role="alert">
            {decision.problem}
          </p>
        )}
      </fieldset>
    </li>
  );
}
