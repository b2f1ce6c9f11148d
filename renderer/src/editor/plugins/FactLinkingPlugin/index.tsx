import { useEffect, useMemo, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Fact } from '../../../../../shared/model/fact';
import { compileMatcher, matcherEntriesFromFacts } from '../../../../../shared/lib/factMatcher';
import { registerFactTools, type FactTools } from './registerFactTools';

export {
  $referenceAtSelection,
  INSERT_FACT_REFERENCE_COMMAND,
  RELINK_FACT_COMMAND,
  UNLINK_FACT_COMMAND,
  UNLINK_MENTION_COMMAND,
} from './registerFactTools';

/**
 * Links every mention of a catalogued fact as the analyst types or pastes, unlinks mentions that stop matching,
 * and re-links the whole brief when the catalogue changes. Unlinked mentions and facts are respected.
 */
export function FactLinkingPlugin({ facts }: { facts: readonly Fact[] }): null {
  const [editor] = useLexicalComposerContext();
  const matcher = useMemo(() => compileMatcher(matcherEntriesFromFacts(facts)), [facts]);
  const tools = useRef<FactTools>(undefined);
  const latestMatcher = useRef(matcher);

  useEffect(() => {
    const registered = registerFactTools(editor, latestMatcher.current);
    tools.current = registered;
    return () => {
      registered.dispose();
      tools.current = undefined;
    };
  }, [editor]);

  useEffect(() => {
    latestMatcher.current = matcher;
    tools.current?.setMatcher(matcher);
  }, [matcher]);

  return null;
}
