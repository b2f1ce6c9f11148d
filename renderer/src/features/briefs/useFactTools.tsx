import { useCallback, useRef, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { FactKindSchema, type Fact } from '../../../../shared/model/fact';
import type { Source } from '../../../../shared/model/source';
import { useFacts } from '../../api/useFacts';
import { Dialog } from '../../components/Dialog';
import type { FactCardData } from '../../components/FactCard';
import { FactForm } from '../../components/FactForm';
import { SourceTextView } from '../../components/SourceTextView';

/** What the editor needs from the catalogue, and the two dialogs it can open (the source, a new fact). */
export function useFactTools(api: BriefdeskApi) {
  const { facts } = useFacts(api);
  const [source, setSource] = useState<{ source: Source; mark: { start: number; end: number } }>();
  const [creating, setCreating] = useState<string>();
  const created = useRef<(fact: Fact | undefined) => void>(undefined);
  const [error, setError] = useState<string>();

  const describeFact = useCallback(
    async (factId: string): Promise<FactCardData | undefined> => {
      const result = await api.facts.get({ id: factId });
      if (!result.ok) return undefined;
      const { label, kind, summary, anchorViews } = result.value;
      const anchor = anchorViews[0];
      return {
        factId,
        label,
        kind,
        summary,
        anchor: anchor && { sentence: anchor.sentence, markStart: anchor.markStart, markEnd: anchor.markEnd, sourceTitle: anchor.sourceTitle },
      };
    },
    [api],
  );

  const showSource = useCallback(
    async (factId: string) => {
      const fact = await api.facts.get({ id: factId });
      const anchor = fact.ok ? fact.value.anchorViews[0] : undefined;
      if (!anchor) return setError('This fact has no supporting source passage.');
      const result = await api.sources.get({ id: anchor.sourceId });
      if (!result.ok) return setError(result.error.message);
      setSource({ source: result.value, mark: { start: anchor.start, end: anchor.end } });
    },
    [api],
  );

  const createFact = useCallback((label: string) => {
    setCreating(label);
    return new Promise<Fact | undefined>((resolve) => {
      created.current = resolve;
    });
  }, []);

  const finishCreating = (fact: Fact | undefined): void => {
    created.current?.(fact);
    created.current = undefined;
    setCreating(undefined);
  };

  const dialogs = (
    <>
      {source && (
        <Dialog title={source.source.title} onClose={() => setSource(undefined)}>
          <SourceTextView text={source.source.text} mark={source.mark} />
        </Dialog>
      )}
      {creating !== undefined && (
        <Dialog title="New fact" onClose={() => finishCreating(undefined)}>
          <FactForm
            kinds={FactKindSchema.options}
            initial={{ label: creating }}
            onClose={() => finishCreating(undefined)}
            onSubmit={async (value) => {
              const catalogues = await api.facts.catalogues();
              const catalogueId = catalogues.ok ? catalogues.value.find((c) => !c.damaged)?.id : undefined;
              if (!catalogueId) return 'There is no fact catalogue in this workspace to add the fact to.';
              const result = await api.facts.create({ catalogueId, fact: { ...value, aliases: [], anchors: [] } });
              if (!result.ok) return result.error.message;
              created.current?.(result.value);
              created.current = undefined;
              return undefined;
            }}
          />
        </Dialog>
      )}
    </>
  );

  return { facts: facts ?? [], describeFact, showSource, createFact, dialogs, error, clearError: () => setError(undefined) };
}
