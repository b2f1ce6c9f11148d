import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, useBasicTypeaheadTriggerMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $createTextNode } from 'lexical';
import type { Fact } from '../../../../shared/model/fact';
import { FactKindBadge } from '../../components/FactKindBadge';
import { $createFactReferenceNode } from '../nodes/FactReferenceNode';
import { INSERT_FACT_REFERENCE_COMMAND } from './FactLinkingPlugin';

const MAX_OPTIONS = 12;

class FactOption extends MenuOption {
  constructor(readonly fact: Fact | undefined, readonly query: string) {
    super(fact ? fact.id : `create:${query}`);
  }
}

function score(fact: Fact, query: string): number {
  if (!query) return 1;
  const q = query.toLowerCase();
  const label = fact.label.toLowerCase();
  if (label.startsWith(q)) return 4;
  if (fact.aliases.some((a) => a.text.toLowerCase().startsWith(q))) return 3;
  if (label.includes(q) || fact.aliases.some((a) => a.text.toLowerCase().includes(q))) return 2;
  return fact.summary.toLowerCase().includes(q) ? 1 : 0;
}

interface FactPickerPluginProps {
  facts: readonly Fact[];
  /** Opens the new-fact form with `label` filled in; resolves to the created fact, if one was. */
  onCreateFact: (label: string) => Promise<Fact | undefined>;
}

/** Typing `@` opens a typeahead over fact labels, aliases and summaries; Enter inserts a reference. */
export function FactPickerPlugin({ facts, onCreateFact }: FactPickerPluginProps): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState<string | null>(null);
  const triggerFn = useBasicTypeaheadTriggerMatch('@', { minLength: 0, maxLength: 40 });

  const options = useMemo(() => {
    const q = query ?? '';
    const ranked = facts
      .map((fact) => ({ fact, rank: score(fact, q) }))
      .filter((r) => r.rank > 0)
      .sort((a, b) => b.rank - a.rank || a.fact.label.localeCompare(b.fact.label))
      .slice(0, MAX_OPTIONS)
      .map((r) => new FactOption(r.fact, q));
    return [...ranked, new FactOption(undefined, q)];
  }, [facts, query]);

  return (
    <LexicalTypeaheadMenuPlugin<FactOption>
      onQueryChange={setQuery}
      triggerFn={triggerFn}
      options={options}
      onSelectOption={(option, textNodeContainingQuery, closeMenu) => {
        if (option.fact) {
          const reference = $createFactReferenceNode(option.fact.id, option.fact.label);
          const space = $createTextNode(' ');
          if (textNodeContainingQuery) textNodeContainingQuery.replace(reference);
          reference.insertAfter(space);
          space.select(1, 1);
          closeMenu();
          return;
        }
        textNodeContainingQuery?.remove();
        closeMenu();
        void onCreateFact(option.query).then((fact) => {
          if (fact) editor.dispatchCommand(INSERT_FACT_REFERENCE_COMMAND, { factId: fact.id, text: fact.label });
        });
      }}
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current
          ? createPortal(
              <ul className="bd-picker" role="listbox" aria-label="Insert a fact reference">
                {options.map((option, index) => (
                  <li
                    key={option.key}
                    ref={(element) => option.setRefElement(element)}
                    role="option"
                    aria-selected={selectedIndex === index}
                    className={`bd-picker-item${selectedIndex === index ? ' is-selected' : ''}`}
                    onMouseEnter={() => setHighlightedIndex(index)}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => selectOptionAndCleanUp(option)}
                  >
                    {option.fact ? (
                      <>
                        <span>{option.fact.label}</span>
                        <FactKindBadge kind={option.fact.kind} />
                      </>
                    ) : (
                      <span className="bd-picker-create">Create fact{option.query ? ` “${option.query}”` : ''}…</span>
                    )}
                  </li>
                ))}
              </ul>,
              anchor.current,
            )
          : null
      }
    />
  );
}
