export interface TextRange {
  start: number;
  end: number;
}

// A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) and then white space.
const SENTENCE_END = /[.!?]["'”’)\]]*(?=\s)/g;

/**
 * The sentence containing [start, end) in `text`, never crossing a line break (a paragraph end). Used to show the
 * supporting sentence of a fact's anchor.
 */
export function sentenceAround(text: string, start: number, end: number): TextRange {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(lineStart, lineEnd);
  let sentenceStart = 0;
  let sentenceEnd = line.length;
  for (const match of line.matchAll(SENTENCE_END)) {
    const boundary = match.index + match[0].length;
    if (boundary <= start - lineStart) sentenceStart = boundary;
    else if (boundary >= end - lineStart) {
      sentenceEnd = boundary;
      break;
    }
  }
  while (sentenceStart < line.length && /\s/.test(line[sentenceStart]!)) sentenceStart++;
  return { start: lineStart + sentenceStart, end: lineStart + sentenceEnd };
}
