import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createQuoteNode } from '@lexical/rich-text';
import {
  $createTextNode,
  $getNearestNodeFromDOMNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  DROP_COMMAND,
  DRAGOVER_COMMAND,
  createCommand,
  type LexicalCommand,
  type LexicalNode,
} from 'lexical';
import { mergeRegister } from '@lexical/utils';
import { useEffect } from 'react';
import { z } from 'zod';
import { SlugSchema } from '../../../../shared/model/ids';
import { $createFactReferenceNode } from '../nodes/FactReferenceNode';

/** A passage of a source to quote in the brief, and the fact it supports (its reference follows the quote). */
export const QuotedPassageSchema = z.object({
  text: z.string().trim().min(1).max(20_000),
  factId: SlugSchema,
  /** The words the reference shows: the fact's label or one of its aliases. */
  referenceText: z.string().trim().min(1).max(200),
});
export type QuotedPassage = z.infer<typeof QuotedPassageSchema>;

/** The drag type a source's selection carries, as JSON QuotedPassage; anything else dropped is left to Lexical. */
export const SOURCE_PASSAGE_MIME = 'application/x-briefdesk-passage';

export const INSERT_SOURCE_QUOTE_COMMAND: LexicalCommand<QuotedPassage> = createCommand('INSERT_SOURCE_QUOTE_COMMAND');

/** The top-level block a node is in, or undefined for the root itself. */
function $topLevel(node: LexicalNode | null): LexicalNode | undefined {
  return node && node !== $getRoot() ? (node.getTopLevelElement() ?? undefined) : undefined;
}

/**
 * Inserts the passage as a block quote ending with a reference to its fact, after the block holding the caret (or
 * `at`, where it was dropped), or at the end. In export the reference is cited like any other: the quote gets its note.
 */
export function $insertSourceQuote(passage: QuotedPassage, at: LexicalNode | undefined): void {
  const quote = $createQuoteNode().append($createTextNode(`“${passage.text}” — `), $createFactReferenceNode(passage.factId, passage.referenceText));
  const selection = $getSelection();
  const after = at ?? ($isRangeSelection(selection) ? $topLevel(selection.anchor.getNode()) : undefined);
  if (after) after.insertAfter(quote);
  else $getRoot().append(quote);
  quote.selectEnd();
}

/** Quotes a source passage into the brief: by command (the Source pane's *Quote in brief*) and by dragging it here. */
export function SourceQuotePlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          INSERT_SOURCE_QUOTE_COMMAND,
          (passage) => {
            $insertSourceQuote(passage, undefined);
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!event.dataTransfer?.types.includes(SOURCE_PASSAGE_MIME)) return false;
            event.preventDefault();
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const raw = event.dataTransfer?.getData(SOURCE_PASSAGE_MIME);
            if (!raw) return false;
            event.preventDefault();
            let parsed: unknown;
            try {
              parsed = JSON.parse(raw);
            } catch {
              return true;
            }
            // What is dropped crosses a trust boundary (any page can start a drag): only a valid passage is taken.
            const passage = QuotedPassageSchema.safeParse(parsed);
            if (!passage.success) return true;
            const target = event.target instanceof Node ? $getNearestNodeFromDOMNode(event.target) : null;
            $insertSourceQuote(passage.data, $topLevel(target));
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );
  return null;
}
