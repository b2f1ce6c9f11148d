import { useCallback, useRef, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import { FactKindSchema, type Fact } from '../../../../shared/model/fact';
import { ALIAS_LIMITS } from '../../../../shared/limits';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { useFacts } from '../../api/useFacts';
import { Dialog } from '../../components/Dialog';
import type { FactCardData } from '../../components/FactCard';
import { FactForm } from '../../components/FactForm';

/** A passage of a source, for the source pane. */
export interface SourcePassage {
  sourceId: string;
  start: number;
  end: number;
}

/** What the editor needs from the catalogue: the facts, their cards, the way to their source, and a new fact. */
export function useFactTools(api: BriefdeskApi, notifications: NotificationStore, onShowSource: (passage: SourcePassage) => void) {
  const { facts } = useFacts(api);
  const [creating, setCreating] = useState<string>();
  const created = useRef<(fact: Fact | undefined) => void>(undefined);

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
      if (!fact.ok) return void notifications.post({ tone: 'error', text: fact.error.message });
      const anchor = fact.value.anchorViews[0];
      if (!anchor) return void notifications.post({ tone: 'info', text: `“${fact.value.label}” has no supporting source passage.` });
      onShowSource({ sourceId: anchor.sourceId, start: anchor.start, end: anchor.end });
    },
    [api, notifications, onShowSource],
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

  const dialogs = creating !== undefined && (
    <Dialog title="New fact" onClose={() => finishCreating(undefined)}>
      <FactForm
        kinds={FactKindSchema.options}
        initial={{ label: creating }}
        aliasLimits={ALIAS_LIMITS}
        onClose={() => finishCreating(undefined)}
        onSubmit={async (value) => {
          const catalogues = await api.facts.catalogues();
          const catalogueId = catalogues.ok ? catalogues.value.find((c) => !c.damaged)?.id : undefined;
          if (!catalogueId) return 'There is no fact catalogue in this workspace to add the fact to.';
          const result = await api.facts.create({ catalogueId, fact: { ...value, aliases: value.aliases.map((text) => ({ text })), anchors: [] } });
          if (!result.ok) return result.error.message;
          created.current?.(result.value);
          created.current = undefined;
          return undefined;
        }}
      />
    </Dialog>
  );

  return { facts: facts ?? [], describeFact, showSource, createFact, dialogs };
}
