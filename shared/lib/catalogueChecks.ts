import type { Anchor, Fact, FactCatalogue } from '../model/fact';
import type { Source } from '../model/source';
import { compileMatcher } from './factMatcher';
import { resolveAnchor, type TextRange } from './textAnchor';

/**
 * Consistency checks between a Source and a FactCatalogue anchored in it.
 *
 * Anchors are W3C TextQuoteSelectors (exact + prefix + suffix) that also carry the offsets they
 * were taken at. An anchor is sound when `exact` is the text at [start, end) and the quote
 * prefix + exact + suffix occurs exactly once in the source, at start - prefix.length, so it can
 * be found again from the quote alone. Pure: no node built-ins, no DOM.
 */

/** The non-blank lines of `text` as half-open UTF-16 ranges, without their line terminator ("\n" or "\r\n"). */
export function paragraphRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const end = lineEnd > lineStart && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    if (text.slice(lineStart, end).trim().length > 0) ranges.push({ start: lineStart, end });
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return ranges;
}

/** Case-folding key for comparing alias texts: NFC, lower case, curly apostrophes as straight ones. */
export function aliasKey(text: string): string {
  return normalizeApostrophes(text.normalize('NFC')).toLowerCase();
}

/**
 * Key for telling whether two names are one name, written differently: case, runs of spaces, diacritics ("Chöl",
 * "Chol") and apostrophe forms aside. Hyphens and other punctuation count: "Kim Yong-chol" is not "Kim Yong Chol".
 */
export function sameNameKey(text: string): string {
  const withoutDiacritics = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  return normalizeApostrophes(withoutDiacritics).replace(/\s+/gu, ' ').trim().toLowerCase();
}

function normalizeApostrophes(text: string): string {
  // ’ and ' are one character each, so offsets are unchanged.
  return text.replace(/[’‘]/g, "'");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `phrase` occurs in `text` as a whole phrase: not preceded or followed by a letter, mark
 * or digit. Case-insensitive unless `caseSensitive`; ’ and ' count as the same character.
 */
export function occursAsPhrase(text: string, phrase: string, caseSensitive: boolean): boolean {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(normalizeApostrophes(phrase))}(?![\\p{L}\\p{M}\\p{N}])`,
    caseSensitive ? 'u' : 'iu',
  );
  return pattern.test(normalizeApostrophes(text));
}

/** Whether the matcher, given this alias alone, links it somewhere in `text`. */
function matchedAlone(text: string, factId: string, alias: Fact['aliases'][number]): boolean {
  const matcher = compileMatcher([{ factId, alias: alias.text, caseSensitive: alias.caseSensitive, unlessFollowedBy: alias.unlessFollowedBy }]);
  return matcher.match(text).length > 0;
}

/** Problems with a source on its own: paragraph ranges inside the text, in order, not overlapping. */
export function checkSource(source: Source): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  for (const [index, p] of source.paragraphs.entries()) {
    if (p.end < p.start || p.end > source.text.length) {
      problems.push(`paragraph ${index} [${p.start}, ${p.end}) lies outside the text`);
    } else if (p.start < previousEnd) {
      problems.push(`paragraph ${index} [${p.start}, ${p.end}) overlaps or precedes paragraph ${index - 1}`);
    }
    previousEnd = Math.max(previousEnd, p.end);
  }
  return problems;
}

export interface CatalogueCheckOptions {
  /**
   * Require every fact to carry at least one anchor and every paragraph of the source to contain
   * one. Right for a catalogue built from this one source; too strict for a catalogue spanning many.
   */
  coverage?: boolean;
}

function anchorProblems(source: Source, fact: Fact, index: number, anchor: Anchor): string[] {
  const where = `fact "${fact.id}" anchor ${index} ("${anchor.exact}")`;
  if (anchor.sourceId !== source.id) {
    return [`${where}: points at source "${anchor.sourceId}", not "${source.id}"`];
  }
  const problems: string[] = [];
  if (anchor.end <= anchor.start || anchor.end > source.text.length) {
    problems.push(`${where}: range [${anchor.start}, ${anchor.end}) is empty or outside the text`);
  } else if (source.text.slice(anchor.start, anchor.end) !== anchor.exact) {
    problems.push(`${where}: exact does not match the text at [${anchor.start}, ${anchor.end})`);
  }
  const resolved = resolveAnchor(source.text, anchor);
  if (!resolved.ok) {
    problems.push(`${where}: ${resolved.problem}`);
  } else if (resolved.range.start !== anchor.start) {
    problems.push(`${where}: quote is found at ${resolved.range.start}, not at start ${anchor.start}`);
  }
  return problems;
}

interface NameEntry {
  factId: string;
  text: string;
  ambiguous: boolean;
}

/**
 * Every problem with `catalogue` as a set of facts anchored in `source`; [] when sound. Checks
 * unique fact ids, sound anchors, aliases and labels backed by the source text (or marked as an
 * analyst form), and names that do not point at two facts unless marked ambiguous on each.
 */
export function checkCatalogue(source: Source, catalogue: FactCatalogue, options: CatalogueCheckOptions = {}): string[] {
  const coverage = options.coverage ?? true;
  const problems: string[] = [...checkSource(source)];

  const seenIds = new Set<string>();
  for (const fact of catalogue.facts) {
    if (seenIds.has(fact.id)) problems.push(`duplicate fact id "${fact.id}"`);
    seenIds.add(fact.id);
  }

  const anchored: Anchor[] = [];
  for (const fact of catalogue.facts) {
    if (coverage && fact.anchors.length === 0) problems.push(`fact "${fact.id}" has no anchor`);
    for (const [index, anchor] of fact.anchors.entries()) {
      const found = anchorProblems(source, fact, index, anchor);
      problems.push(...found);
      if (found.length === 0) anchored.push(anchor);
    }
  }

  if (coverage) {
    for (const [index, p] of source.paragraphs.entries()) {
      if (!anchored.some((a) => a.start < p.end && a.end > p.start)) {
        problems.push(`paragraph ${index} [${p.start}, ${p.end}) carries no anchor`);
      }
    }
  }

  const names = new Map<string, NameEntry[]>();
  const addName = (key: string, entry: NameEntry): void => {
    const list = names.get(key);
    if (list) list.push(entry);
    else names.set(key, [entry]);
  };
  for (const fact of catalogue.facts) {
    const aliasKeys = new Map<string, (typeof fact.aliases)[number]>();
    for (const alias of fact.aliases) {
      const key = aliasKey(alias.text);
      if (alias.text !== alias.text.trim() || /\s{2,}/.test(alias.text)) {
        problems.push(`fact "${fact.id}" alias "${alias.text}" has stray whitespace`);
      }
      if (aliasKeys.has(key)) {
        problems.push(`fact "${fact.id}" lists alias "${alias.text}" twice`);
        continue;
      }
      aliasKeys.set(key, alias);
      if (!alias.analystForm && !occursAsPhrase(source.text, alias.text, alias.caseSensitive)) {
        problems.push(
          `fact "${fact.id}" alias "${alias.text}" does not occur in the source${alias.caseSensitive ? ' (case-sensitive)' : ''} and is not marked analystForm`,
        );
      } else if (!alias.analystForm && alias.unlessFollowedBy && !matchedAlone(source.text, fact.id, alias)) {
        problems.push(
          `fact "${fact.id}" alias "${alias.text}" is followed in every occurrence by one of its unlessFollowedBy words, so the source never links it`,
        );
      }
      addName(key, { factId: fact.id, text: alias.text, ambiguous: alias.ambiguous });
    }
    // The app matches labels too. A label that is also an alias takes that alias's flags.
    const labelKey = aliasKey(fact.label);
    const labelAlias = aliasKeys.get(labelKey);
    if (!labelAlias) {
      if (!occursAsPhrase(source.text, fact.label, false)) {
        problems.push(`fact "${fact.id}" label "${fact.label}" does not occur in the source and is not an analystForm alias`);
      }
      addName(labelKey, { factId: fact.id, text: fact.label, ambiguous: false });
    }
  }
  for (const entries of names.values()) {
    const factIds = [...new Set(entries.map((e) => e.factId))];
    if (factIds.length > 1 && !entries.every((e) => e.ambiguous)) {
      const texts = [...new Set(entries.map((e) => `"${e.text}"`))].join(' / ');
      problems.push(`name ${texts} belongs to facts ${factIds.map((id) => `"${id}"`).join(', ')} but is not marked ambiguous on all of them`);
    }
  }

  return problems;
}
