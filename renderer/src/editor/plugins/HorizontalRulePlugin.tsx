import { HorizontalRulePlugin as LexicalHorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin';
import { $createHorizontalRuleNode, $isHorizontalRuleNode, HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import type { ElementTransformer } from '@lexical/markdown';

/** Markdown shortcut: `---` (or `___`) then space on an empty line becomes a horizontal rule, as in the playground. */
export const HORIZONTAL_RULE_TRANSFORMER: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  export: (node) => ($isHorizontalRuleNode(node) ? '---' : null),
  regExp: /^(---|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const rule = $createHorizontalRuleNode();
    // On the last line keep the (now empty) paragraph after the rule, so the caret has somewhere to go.
    if (isImport || parentNode.getNextSibling() !== null) parentNode.replace(rule);
    else parentNode.insertBefore(rule);
    rule.selectNext();
  },
  type: 'element',
};

/** Handles INSERT_HORIZONTAL_RULE_COMMAND (the toolbar's rule button). Needs HorizontalRuleNode. */
export function HorizontalRulePlugin(): React.JSX.Element {
  return <LexicalHorizontalRulePlugin />;
}
