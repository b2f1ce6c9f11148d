import { useEffect, useMemo, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import type { Fact } from '../../../../../shared/model/fact';
import { catalogueFingerprint } from '../../../../../shared/lib/catalogueFingerprint';
import { compileMatcher, matcherEntriesFromFacts } from '../../../../../shared/lib/factMatcher';
import { registerFactTools, type FactTools } from './registerFactTools';

export {
  $referenceAtSelection,
  INSERT_FACT_REFERENCE_COMMAND,
  RELINK_FACT_COMMAND,
  UNLINK_FACT_COMMAND,
  UNLINK_MENTION_COMMAND,
} from './registerFactTools';

/** Per editor, the fingerprint of the catalogue its current (committed) state is linked against. */
const linkedCatalogues = new WeakMap<LexicalEditor, string>();

/**
 * The fingerprint of the catalogue the editor's current state is linked against, for `briefs.save`'s
 * `linkedCatalogue`: read it together with the state being saved. Undefined while a brief is being linked (on
 * opening, or after the catalogue changed) and when nothing links it (a read-only brief).
 */
export function linkedCatalogueOf(editor: LexicalEditor): string | undefined {
  return linkedCatalogues.get(editor);
}

interface FactLinkingPluginProps {
  facts: readonly Fact[];
  /** The catalogue the brief was saved linked against (`briefs.open`'s `linkedCatalogue`); read when mounting. */
  linkedCatalogue?: string | undefined;
}

/**
 * Links every mention of a catalogued fact as the analyst types or pastes, unlinks mentions that stop matching,
 * and re-links the brief where a changed catalogue reads it differently. On opening, a brief saved linked against
 * this very catalogue is taken as it is; any other is checked, and only the blocks whose links differ from what
 * the matcher reads are re-linked. Unlinked mentions and facts are respected.
 */
export function FactLinkingPlugin({ facts, linkedCatalogue }: FactLinkingPluginProps): null {
  const [editor] = useLexicalComposerContext();
  const catalogue = useMemo(() => ({ matcher: compileMatcher(matcherEntriesFromFacts(facts)), fingerprint: catalogueFingerprint(facts) }), [facts]);
  const tools = useRef<FactTools>(undefined);
  const latest = useRef(catalogue);
  const savedAgainst = useRef(linkedCatalogue);

  useEffect(() => {
    const { matcher, fingerprint } = latest.current;
    let mounted = true;
    const registered = registerFactTools(editor, matcher, {
      contentLinked: savedAgainst.current === fingerprint,
      onLinked: () => {
        if (mounted) linkedCatalogues.set(editor, fingerprint);
      },
    });
    tools.current = registered;
    return () => {
      mounted = false;
      registered.dispose();
      tools.current = undefined;
      linkedCatalogues.delete(editor);
    };
  }, [editor]);

  useEffect(() => {
    const previous = latest.current;
    latest.current = catalogue;
    // A catalogue reloaded with the same names (a summary edited, say) links nothing differently.
    if (catalogue.fingerprint === previous.fingerprint) return;
    const current = tools.current;
    current?.setMatcher(catalogue.matcher, () => {
      if (tools.current === current) linkedCatalogues.set(editor, catalogue.fingerprint);
    });
  }, [editor, catalogue]);

  return null;
}
