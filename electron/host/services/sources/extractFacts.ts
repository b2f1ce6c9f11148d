import nlp from 'compromise';
import datesPlugin, { type DatesMethods } from 'compromise-dates';
import { z } from 'zod';
import { compileMatcher } from '../../../../shared/lib/factMatcher';
import { canonAlias, foldAlias } from '../../../../shared/lib/textNormalize';
import { FACT_LIMITS } from '../../../../shared/limits';
import type { Fact, FactKind } from '../../../../shared/model/fact';
import {
  CALLING_VERBS,
  DATE_LEADING_WORDS,
  FORWARD_DATE_WORDS,
  OF_NAME_HEADS,
  ORGANIZATION_HEADS,
  PLACE_HEADS,
  PLACE_PREPOSITIONS,
  SPEAKING_PRONOUNS,
  SPEECH_VERBS,
  STOP_WORDS,
  TITLES,
} from './extractFactsLexicon';

/**
 * Proposes facts (people, places, organizations, dates, quotations) from a source text for an analyst to review,
 * offline: compromise's people/places/organizations, the proper-noun runs its lexicon misses, compromise-dates with
 * the publication date as "today", and rules for quoted speech and its speaker. Pure: no files, no network.
 * Host side only, because compromise and its lexicon are large.
 */

nlp.plugin(datesPlugin);

export type ProposedFactKind = Extract<FactKind, 'person' | 'place' | 'organization' | 'date' | 'quotation'>;
type EntityKind = Extract<ProposedFactKind, 'person' | 'place' | 'organization'>;

/** Half-open UTF-16 offsets into the text. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface ProposedFact {
  kind: ProposedFactKind;
  label: string;
  /** The other forms the text uses for it ("President Trump" beside "Trump"); never the label itself. */
  aliases: string[];
  /** The first mention; `exact` is the text there. */
  anchor: TextSpan & { exact: string };
  /** Every mention in text order, the anchor first. */
  mentions: TextSpan[];
  /** Quotations: the label of the person who said it, where the text tells. */
  speaker?: string;
  /** Dates: ISO 8601 as precise as the text is ("2018", "2018-06", "2019-02-28"), when it can be resolved. */
  date?: string;
  /** An existing fact with the same name by the catalogue's alias rules: "also mentioned here". */
  match?: { factId: string; label: string };
}

export interface ProposeFactsOptions {
  /**
   * When the source was published ("2019-02-28" or a full ISO timestamp): relative dates ("last June") are
   * resolved from it. Without it, or when it is not such a date ("unknown"), relative dates get no `date`.
   */
  publishedAt?: string;
  /** The facts already known: candidates that name one of them carry `match`. */
  existing: readonly Fact[];
}

/** The proposals for `text`, in the order of their first mention. */
export function proposeFacts(text: string, options: ProposeFactsOptions): ProposedFact[] {
  const doc = nlp<DatesMethods>(text);
  const tokens = readTokens(text, doc);
  const quotes = findQuotes(text);
  const entities = findEntities(text, tokens, quotes);
  const quotations = attributeQuotes(text, tokens, quotes, entities);
  const today = publicationDay(options.publishedAt);
  const dates = findDates(text, tokens, doc, today);
  const existing = indexFacts(options.existing);

  const proposals: ProposedFact[] = [
    ...entities.map((entity) => proposal(text, entity.kind, entity.label, entity.forms, entity.spans, existing)),
    ...quotations.map((quotation) => ({
      ...proposal(text, 'quotation', quotation.label, [], quotation.spans, existing),
      ...(quotation.speaker ? { speaker: quotation.speaker.label } : {}),
    })),
    ...dates.map((date) => ({
      ...proposal(text, 'date', date.label, date.forms, date.spans, existing, date.iso),
      ...(date.iso ? { date: date.iso } : {}),
    })),
  ];
  return proposals.sort((a, b) => a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end);
}

function proposal(
  text: string,
  kind: ProposedFactKind,
  label: string,
  forms: readonly string[],
  spans: readonly TextSpan[],
  existing: FactIndex,
  iso?: string,
): ProposedFact {
  const first = spans[0]!;
  const aliases = forms.filter((form) => foldAlias(form) !== foldAlias(label)).slice(0, FACT_LIMITS.aliasesPerFact);
  const match = matchExisting(existing, kind, [label, ...aliases], iso);
  return {
    kind,
    label: clip(label, FACT_LIMITS.labelChars),
    aliases,
    anchor: { start: first.start, end: first.end, exact: text.slice(first.start, first.end) },
    mentions: spans.map(({ start, end }) => ({ start, end })),
    ...(match ? { match: { factId: match.id, label: match.label } } : {}),
  };
}

function clip(value: string, limit: number): string {
  return value.length <= limit ? value : `${value.slice(0, limit - 1).trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------------------------
// Words, as compromise sees them

const OffsetJsonSchema = z.object({ start: z.number().int().min(0), length: z.number().int().min(0) });
const TermJsonSchema = z.object({ text: z.string(), pre: z.string(), post: z.string(), tags: z.array(z.string()), offset: OffsetJsonSchema });
const PhraseJsonSchema = z.object({ terms: z.array(TermJsonSchema) });
const PhrasesJsonSchema = z.array(PhraseJsonSchema);
const DatePhrasesJsonSchema = z.array(
  z.object({
    offset: OffsetJsonSchema,
    dates: z.object({ start: z.string().nullish(), end: z.string().nullish() }).optional(),
  }),
);

type Doc = ReturnType<typeof nlp<DatesMethods>>;

interface Token {
  start: number;
  end: number;
  word: string;
  /** Punctuation and spaces before and after the word, as compromise splits them. */
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
  sentence: number;
  /** First word of a sentence, a line, a quotation or a bracket, where a capital says nothing about a name. */
  initial: boolean;
  /** The kind compromise's people(), places() or organizations() put the word in. */
  viewKind: EntityKind | undefined;
}

const FUNCTION_TAGS = ['Pronoun', 'Determiner', 'Conjunction', 'Preposition', 'QuestionWord', 'Value', 'Date', 'Negative'];
const NAME_TAGS = ['ProperNoun', 'Person', 'Place', 'Organization'];
const OPENING_MARKS = /["“«([]/;
const POSSESSIVE = /['’]s$/;

function readTokens(text: string, doc: Doc): Token[] {
  const viewKinds = new Map<number, EntityKind>();
  const views: Array<[EntityKind, Pick<Doc, 'json'>]> = [
    ['organization', doc.organizations()],
    ['place', doc.places()],
    ['person', doc.people()],
  ];
  for (const [kind, view] of views) {
    for (const phrase of PhrasesJsonSchema.parse(view.json({ offset: true, terms: { offset: true } }))) {
      for (const term of phrase.terms) viewKinds.set(term.offset.start, kind);
    }
  }

  const tokens: Token[] = [];
  const sentences = PhrasesJsonSchema.parse(doc.json({ offset: true, terms: { offset: true } }));
  sentences.forEach((sentence, sentenceIndex) => {
    sentence.terms.forEach((term, position) => {
      const start = term.offset.start;
      const end = start + term.offset.length;
      // A contraction's expanded parts carry no text of their own here: nothing to anchor.
      if (end <= start || text.slice(start, end) !== term.text) return;
      const previous = tokens.at(-1);
      tokens.push({
        start,
        end,
        word: term.text,
        pre: term.pre,
        post: term.post,
        tags: new Set(term.tags),
        sentence: sentenceIndex,
        initial: position === 0 || OPENING_MARKS.test(term.pre) || (previous !== undefined && /[\n:;]/.test(previous.post)),
        viewKind: viewKinds.get(start),
      });
    });
  });
  return tokens;
}

const hasAny = (tags: ReadonlySet<string>, wanted: readonly string[]): boolean => wanted.some((tag) => tags.has(tag));
const bareWord = (word: string): string => word.replace(POSSESSIVE, '');
const startsUpper = (word: string): boolean => /^\p{Lu}/u.test(word);
const isAcronym = (word: string): boolean => /^\p{Lu}[\p{Lu}.]+$/u.test(word);
const lower = (token: Token): string => bareWord(token.word).replace(/\.$/, '').toLowerCase();
const isTitle = (token: Token): boolean => TITLES.has(lower(token)) || token.tags.has('Honorific');

/** How the text uses each word elsewhere, to tell "Trump" at the start of a sentence from "Tensions". */
interface WordUse {
  capitalizedInside: ReadonlySet<string>;
  lowercase: ReadonlySet<string>;
}

function wordUse(tokens: readonly Token[]): WordUse {
  const capitalizedInside = new Set<string>();
  const lowercase = new Set<string>();
  for (const token of tokens) {
    if (/^\p{Ll}/u.test(token.word)) lowercase.add(bareWord(token.word));
    else if (!token.initial && startsUpper(token.word)) capitalizedInside.add(bareWord(token.word));
  }
  return { capitalizedInside, lowercase };
}

/**
 * A capitalised word that can be part of a name. Where capitals are the rule (a sentence's first word), only a word
 * the text capitalises elsewhere too, or one compromise knows as a name and the text never writes in lower case.
 */
function isNameWord(token: Token, use: WordUse): boolean {
  if (!startsUpper(token.word) || hasAny(token.tags, FUNCTION_TAGS)) return false;
  const bare = bareWord(token.word);
  if (!isAcronym(bare) && STOP_WORDS.has(bare.toLowerCase())) return false;
  if (!token.initial) return true;
  return use.capitalizedInside.has(bare) || (hasAny(token.tags, NAME_TAGS) && !use.lowercase.has(bare.toLowerCase()));
}

/** How `b` joins `a` inside one name: "Jae-in" (hyphen), "Mr. Kim" (abbreviation), or a plain space. */
function joins(a: Token, b: Token): 'hyphen' | 'space' | null {
  if (a.sentence !== b.sentence || b.pre !== '') return null;
  if (a.post === '-') return 'hyphen';
  if (POSSESSIVE.test(a.word) && !a.tags.has('Plural')) return null;
  if (/^[^\S\n]+$/.test(a.post)) return 'space';
  return a.tags.has('Abbreviation') && /^\.[^\S\n]+$/.test(a.post) ? 'space' : null;
}

/** A lower-case noun that compromise puts in the same place or organization as the word before: "Korean peninsula". */
function continuesPlaceOrOrganization(a: Token, b: Token): boolean {
  return (b.viewKind === 'place' || b.viewKind === 'organization') && b.viewKind === a.viewKind && b.tags.has('Noun') && !hasAny(b.tags, FUNCTION_TAGS);
}

/** Maximal runs of name words: token index ranges [from, to]. */
function nameRuns(tokens: readonly Token[], use: WordUse): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let from = 0; from < tokens.length; from++) {
    if (!isNameWord(tokens[from]!, use)) continue;
    let to = from;
    for (;;) {
      const a = tokens[to]!;
      const b = tokens[to + 1];
      const link = b ? joins(a, b) : null;
      if (!b || link === null) break;
      if (link === 'hyphen' || isNameWord(b, use) || continuesPlaceOrOrganization(a, b)) {
        to++;
        continue;
      }
      // "Republic of Korea", "Bank of England": "of" only after a head that takes one, and before a name word.
      const c = tokens[to + 2];
      if (b.word === 'of' && OF_NAME_HEADS.has(lower(a)) && c && joins(b, c) === 'space' && isNameWord(c, use)) {
        to += 2;
        continue;
      }
      break;
    }
    runs.push([from, to]);
    from = to;
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------------------
// People, places, organizations

interface NameMention {
  start: number;
  end: number;
  /** Where the name starts without its leading titles ("Kim Jong Un" of "Chairman Kim Jong Un"). */
  coreStart: number;
  /** Evidence from the words themselves (head word, compromise's tags, a title); undefined when there is none. */
  kind: EntityKind | undefined;
  /** The word before, for "in Abuja". */
  before: Token | undefined;
}

interface Entity {
  kind: EntityKind;
  /** The kind was a guess (no head word, tag or title): a rule about speech may still correct it. */
  guessed: boolean;
  label: string;
  forms: string[];
  spans: TextSpan[];
}

function headKind(word: string): EntityKind | undefined {
  if (ORGANIZATION_HEADS.has(word)) return 'organization';
  return PLACE_HEADS.has(word) ? 'place' : undefined;
}

function mostVoted(votes: ReadonlyArray<EntityKind | undefined>): EntityKind | undefined {
  const counts = new Map<EntityKind, number>();
  for (const vote of votes) if (vote) counts.set(vote, (counts.get(vote) ?? 0) + 1);
  let best: EntityKind | undefined;
  for (const [kind, count] of counts) if (best === undefined || count > counts.get(best)!) best = kind;
  return best;
}

function mentionOfRun(text: string, tokens: readonly Token[], from: number, to: number): NameMention | undefined {
  const run = tokens.slice(from, to + 1);
  const last = run.at(-1)!;
  let end = POSSESSIVE.test(last.word) && !last.tags.has('Plural') ? last.end - 2 : last.end;
  while (end > run[0]!.start && !/[\p{L}\p{M}\p{N}]/u.test(text[end - 1]!) && !(text[end - 1] === '.' && isAcronym(last.word))) end--;

  // Leading titles: up to the last title that a non-title word follows.
  let coreFrom = 0;
  run.forEach((token, index) => {
    if (index === coreFrom && isTitle(token) && run.slice(index + 1).some((t) => !isTitle(t))) coreFrom = index + 1;
  });
  const before = tokens[from - 1];
  const titled = coreFrom > 0 || (before !== undefined && before.sentence === last.sentence && isTitle(before));
  // The head of "Bank of Ghana" is "Bank"; of other names, the last word.
  const head = run.find((token, index) => run[index + 1]?.word === 'of') ?? last;
  const kind = headKind(lower(head)) ?? mostVoted(run.map((token) => token.viewKind)) ?? (titled ? 'person' : undefined);
  // A title names a person only if the name is one: "General Electric" stays whole when it is an organization.
  if (kind !== 'person') coreFrom = 0;
  const core = run.slice(coreFrom);
  const lastCore = core.at(-1)!;
  // "President" alone, "South Korean President", "North Korean": descriptions, not names.
  if (isTitle(lastCore) || (lastCore.tags.has('Demonym') && kind === undefined)) return undefined;
  return { start: run[0]!.start, end, coreStart: core[0]!.start, kind, before };
}

function findEntities(text: string, tokens: readonly Token[], quotes: readonly Quote[]): Entity[] {
  const quoted = new Set(quotes.map((quote) => `${quote.innerStart}:${quote.innerEnd}`));
  const mentions: NameMention[] = [];
  for (const [from, to] of nameRuns(tokens, wordUse(tokens))) {
    const mention = mentionOfRun(text, tokens, from, to);
    // A quotation that is all name ("Little Rocket Man") is proposed as the quotation.
    if (mention && !quoted.has(`${mention.start}:${mention.end}`)) mentions.push(mention);
  }

  const groups = new Map<string, NameMention[]>();
  for (const mention of mentions) {
    const key = foldAlias(text.slice(mention.coreStart, mention.end));
    const group = groups.get(key);
    if (group) group.push(mention);
    else groups.set(key, [mention]);
  }
  const entities = mergeVariants(text, [...groups.values()]).map((members) => entityOf(text, members));
  findAllMentions(text, entities);
  return entities;
}

/**
 * Joins "Kim" and "Kim Jong" to "Kim Jong Un", "Trump" to "Donald Trump", "Yongbyon" to "Yongbyon Nuclear
 * Scientific Research Facility": a shorter name that begins or ends a longer one, when exactly one longer name
 * qualifies ("Kim" stays apart beside both "Kim Jong Un" and "Kim Yo Jong"). Only a person takes a part of a name
 * known as a person; any name takes a part whose kind is unknown ("Korea" does not join "North Korea").
 */
function mergeVariants(text: string, groups: NameMention[][]): NameMention[][] {
  const words = groups.map((group) => foldAlias(text.slice(group[0]!.coreStart, group[0]!.end)).split(' '));
  const kinds = groups.map((group) => mostVoted(group.map((m) => m.kind)));
  const parent = groups.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  const byLength = groups.map((_, index) => index).sort((a, b) => words[b]!.length - words[a]!.length);

  for (const shorter of byLength) {
    const part = words[shorter]!;
    const targets = new Set<number>();
    for (const longer of byLength) {
      const whole = words[longer]!;
      if (whole.length <= part.length) break;
      const fits = part.every((w, i) => whole[i] === w) || part.every((w, i) => whole[whole.length - part.length + i] === w);
      const kindsAgree = kinds[shorter] === undefined || (kinds[shorter] === 'person' && kinds[longer] === 'person');
      if (fits && kindsAgree) targets.add(root(longer));
    }
    if (targets.size === 1) parent[shorter] = [...targets][0]!;
  }

  const merged = new Map<number, NameMention[]>();
  groups.forEach((group, index) => {
    const key = root(index);
    merged.set(key, [...(merged.get(key) ?? []), ...group]);
  });
  return [...merged.values()].map((members) => members.sort((a, b) => a.start - b.start));
}

function entityOf(text: string, members: readonly NameMention[]): Entity {
  const strong = mostVoted(members.map((m) => m.kind));
  const inPlace = members.some((m) => m.before !== undefined && PLACE_PREPOSITIONS.has(m.before.word.toLowerCase()));
  const kind = strong ?? (inPlace ? 'place' : 'person');
  const coreOf = (m: NameMention): string => text.slice(m.coreStart, m.end);
  const wordCount = (m: NameMention): number => coreOf(m).split(/\s+/).length;
  const longest = members.reduce((best, m) => (wordCount(m) > wordCount(best) ? m : best));
  const forms: string[] = [];
  const seen = new Set<string>();
  for (const form of [coreOf(longest), ...members.map((m) => text.slice(m.start, m.end))]) {
    const key = canonAlias(form);
    if (!seen.has(key)) forms.push(form);
    seen.add(key);
  }
  const spans = members.map(({ start, end }) => ({ start, end }));
  return { kind, guessed: strong === undefined, label: coreOf(longest), forms, spans };
}

/**
 * Every mention of every entity, by its forms as written (case-sensitive): this finds "Trump" where it opens a
 * sentence, and the longest form wins where forms overlap, as in the editor's matcher.
 */
function findAllMentions(text: string, entities: Entity[]): void {
  const matcher = compileMatcher(
    entities.flatMap((entity, index) => entity.forms.map((alias) => ({ factId: String(index), alias, caseSensitive: true }))),
  );
  const found = new Map<number, TextSpan[]>();
  for (const span of matcher.match(text)) {
    const index = Number(span.factId);
    found.set(index, [...(found.get(index) ?? []), { start: span.start, end: span.end }]);
  }
  entities.forEach((entity, index) => {
    const spans = found.get(index);
    if (spans) entity.spans = spans;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Quotations and their speakers

interface Quote {
  open: number;
  close: number;
  innerStart: number;
  innerEnd: number;
}

const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['“', '”'],
  ['«', '»'],
  ['"', '"'],
]);

/** Double-quoted passages of two words or more, each within one line; an unclosed quote is skipped. */
function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  let open = -1;
  let closing = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') open = -1;
    else if (open !== -1 && char === closing) {
      let innerStart = open + 1;
      let innerEnd = i;
      while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++;
      while (innerEnd > innerStart && /[\s,.;:]/.test(text[innerEnd - 1]!)) innerEnd--;
      if (text.slice(innerStart, innerEnd).split(/\s+/).length >= 2) quotes.push({ open, close: i, innerStart, innerEnd });
      open = -1;
    } else if (open === -1 && QUOTE_PAIRS.has(char)) {
      open = i;
      closing = QUOTE_PAIRS.get(char)!;
    }
  }
  return quotes;
}

interface Quotation {
  label: string;
  spans: TextSpan[];
  speaker: Entity | undefined;
}

/** A verb of the list, unless compromise reads the word as a noun ("the claims"); it tags some past participles as adjectives ("threatened"). */
const verbIn = (token: Token | undefined, verbs: ReadonlySet<string>): boolean =>
  token !== undefined && !token.tags.has('Noun') && verbs.has(token.word.toLowerCase());

/** The mentions of entities, sorted, for finding the one at or before a place in the text. */
class MentionIndex {
  private readonly spans: Array<TextSpan & { entity: Entity }>;

  constructor(entities: readonly Entity[]) {
    this.spans = entities.flatMap((entity) => entity.spans.map((span) => ({ ...span, entity }))).sort((a, b) => a.start - b.start);
  }

  /** The mention covering `offset` (mentions do not overlap: the matcher found them in one pass). */
  at(offset: number): (TextSpan & { entity: Entity }) | undefined {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.spans[middle]!.start <= offset) low = middle + 1;
      else high = middle;
    }
    const span = this.spans[low - 1];
    return span && offset < span.end ? span : undefined;
  }

  /** The last mention of a person ending at or before `offset`: whom "he" or "she" refers to. */
  personBefore(offset: number): Entity | undefined {
    for (let i = this.spans.length - 1; i >= 0; i--) {
      const span = this.spans[i]!;
      if (span.end <= offset && span.entity.kind === 'person') return span.entity;
    }
    return undefined;
  }
}

/** The index of the first token starting at or after `offset`. */
function tokenAfter(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function attributeQuotes(text: string, tokens: readonly Token[], quotes: readonly Quote[], entities: readonly Entity[]): Quotation[] {
  const mentions = new MentionIndex(entities);
  const byText = new Map<string, Quotation>();
  for (const quote of quotes) {
    const speaker = speakerOf(text, tokens, quote, mentions);
    if (speaker) {
      speaker.kind = 'person';
      speaker.guessed = false;
    }
    const label = text.slice(quote.innerStart, quote.innerEnd);
    const span = { start: quote.innerStart, end: quote.innerEnd };
    const known = byText.get(canonAlias(label));
    if (known) {
      known.spans.push(span);
      known.speaker ??= speaker;
    } else {
      byText.set(canonAlias(label), { label, spans: [span], speaker });
    }
  }
  return [...byText.values()];
}

/**
 * Who said the quotation: "…," X said / "…," said X / "…," he said (the last person named before); X said "…" /
 * X told reporters: "…"; and X called him "…" / X threatened "…" (the first person named in the sentence).
 */
function speakerOf(text: string, tokens: readonly Token[], quote: Quote, mentions: MentionIndex): Entity | undefined {
  const person = (token: Token | undefined): Entity | undefined => {
    if (token === undefined) return undefined;
    if (SPEAKING_PRONOUNS.has(token.word.toLowerCase())) return mentions.personBefore(quote.open);
    const entity = mentions.at(token.start)?.entity;
    return entity && (entity.kind === 'person' || entity.guessed) ? entity : undefined;
  };
  const skipAdverb = (index: number, step: 1 | -1): number => (tokens[index]?.tags.has('Adverb') ? index + step : index);

  // After: "…," X said / "…," said X.
  const next = tokenAfter(tokens, quote.close + 1);
  const afterToken = tokens[next];
  if (afterToken && /^[^\S\n]*,?[^\S\n]*$/.test(text.slice(quote.close + 1, afterToken.start))) {
    if (verbIn(afterToken, SPEECH_VERBS)) {
      const speaker = person(tokens[next + 1]);
      if (speaker) return speaker;
    }
    const speaker = person(afterToken);
    if (speaker) {
      const mentionEnd = mentions.at(afterToken.start)?.end ?? afterToken.end;
      const verb = skipAdverb(tokenAfter(tokens, mentionEnd), 1);
      if (verbIn(tokens[verb], SPEECH_VERBS)) return speaker;
    }
  }

  // Before: X said "…" / X told reporters: "…" / said X: "…".
  const last = tokenAfter(tokens, quote.open) - 1;
  const beforeToken = tokens[last];
  if (!beforeToken || !/^[^\S\n]*[,:—–]?[^\S\n]*$/.test(text.slice(beforeToken.end, quote.open))) return undefined;
  let sentenceStart = last;
  while (sentenceStart > 0 && tokens[sentenceStart - 1]!.sentence === beforeToken.sentence) sentenceStart--;
  for (let verb = last; verb >= Math.max(sentenceStart, last - 4); verb--) {
    if (!verbIn(tokens[verb], SPEECH_VERBS)) continue;
    const speaker = person(tokens[skipAdverb(verb - 1, -1)]) ?? (verb < last ? person(tokens[verb + 1]) : undefined);
    if (speaker) return speaker;
  }

  // The sentence's subject, when a verb of speaking or calling comes before the quotation.
  const sentence = tokens.slice(sentenceStart, last + 1);
  const firstVerb = sentence.findIndex((t) => verbIn(t, SPEECH_VERBS) || verbIn(t, CALLING_VERBS));
  if (firstVerb === -1) return undefined;
  for (const token of sentence.slice(0, firstVerb)) {
    const speaker = person(token);
    if (speaker) return speaker;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

interface DateCandidate {
  label: string;
  forms: string[];
  spans: TextSpan[];
  iso: string | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The publication day as compromise-dates takes "today", or undefined when `publishedAt` is not an ISO date. */
function publicationDay(publishedAt: string | undefined): string | undefined {
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(publishedAt ?? '')?.[1];
  return day !== undefined && !Number.isNaN(Date.parse(day)) ? day : undefined;
}

/** The most precise ISO prefix (year, month, day) that both ends of a range share: "2018-06" for all of June 2018. */
function commonIsoPrefix(start: string, end: string): string | undefined {
  for (const length of [10, 7, 4]) if (start.slice(0, length) === end.slice(0, length)) return start.slice(0, length);
  return undefined;
}

type DatePhrase = z.infer<typeof DatePhrasesJsonSchema>[number];

const datePhrases = (doc: Doc, today: string): DatePhrase[] =>
  DatePhrasesJsonSchema.parse(doc.dates({ today, timezone: 'UTC' }).json({ offset: true }));

function isoOf(dates: DatePhrase['dates']): string | undefined {
  return dates?.start && dates.end ? commonIsoPrefix(dates.start, dates.end) : undefined;
}

interface Resolved {
  iso: string | undefined;
  end: string | undefined;
}

function resolve(phrase: string, today: string): Resolved {
  const found = datePhrases(nlp<DatesMethods>(phrase), today)[0];
  return { iso: isoOf(found?.dates), end: found?.dates?.end ?? undefined };
}

const shiftDay = (day: string, days: number): string => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * compromise-dates puts a date without a year in the future ("on Monday", "in June", "Christmas"). In a sentence
 * told in the past, such a date is the last one before publication: resolved again from a week, then a year,
 * earlier, the first result that is not after the publication day.
 */
function inThePast(phrase: string, today: string): string | undefined {
  for (const days of [-7, -365]) {
    const resolved = resolve(phrase, shiftDay(today, days));
    if (resolved.end !== undefined && resolved.end.slice(0, 10) <= today) return resolved.iso;
  }
  return undefined;
}

/** A date phrase whose meaning does not depend on "today" resolves alike from two far-apart days. */
const RELATIVE_PROBES = ['2001-03-14', '2011-09-27'] as const;

function findDates(text: string, tokens: readonly Token[], doc: Doc, today: string | undefined): DateCandidate[] {
  const phrases = datePhrases(doc, today ?? RELATIVE_PROBES[0]);
  // Without a publication day, a second pass from another day tells the relative dates (once for the whole text:
  // a pass per phrase costs more from about twenty dates on).
  const fromOtherDay = today === undefined ? new Map(datePhrases(doc, RELATIVE_PROBES[1]).map((p) => [p.offset.start, isoOf(p.dates)])) : undefined;
  const byKey = new Map<string, DateCandidate>();
  const candidates: DateCandidate[] = [];
  for (const phrase of phrases) {
    const span = trimDatePhrase(text, phrase.offset.start, phrase.offset.start + phrase.offset.length);
    if (!span) continue;
    const surface = text.slice(span.start, span.end);
    const end = phrase.dates?.end;
    let iso = isoOf(phrase.dates);
    if (fromOtherDay) {
      if (iso !== fromOtherDay.get(phrase.offset.start)) iso = undefined;
    } else if (today !== undefined && end && end.slice(0, 10) > today && toldInThePast(text, tokens, span) && !hasForwardWord(surface)) {
      iso = inThePast(surface, today);
    }
    const key = iso ?? `text:${foldAlias(surface)}`;
    const known = byKey.get(key);
    if (known) {
      known.spans.push(span);
      if (!known.forms.some((form) => canonAlias(form) === canonAlias(surface))) known.forms.push(surface);
      // A form that names its year says most: "June 2018" before "last June".
      if (/\d{4}/.test(surface) && !/\d{4}/.test(known.label)) known.label = surface;
    } else {
      const candidate = { label: surface, forms: [surface], spans: [span], iso };
      byKey.set(key, candidate);
      candidates.push(candidate);
    }
  }
  return candidates;
}

/** The phrase without "in", "on" and the like before it or punctuation after it; undefined when nothing is left. */
function trimDatePhrase(text: string, start: number, end: number): TextSpan | undefined {
  let from = start;
  for (;;) {
    const word = /^(\p{L}+)\s+/u.exec(text.slice(from, end));
    if (!word || !DATE_LEADING_WORDS.has(word[1]!.toLowerCase())) break;
    from += word[0].length;
  }
  let to = end;
  while (to > from && /[\s,.;:!?)]/.test(text[to - 1]!)) to--;
  return to > from ? { start: from, end: to } : undefined;
}

const hasForwardWord = (phrase: string): boolean => phrase.toLowerCase().split(/\s+/).some((word) => FORWARD_DATE_WORDS.has(word));

/** Whether the sentence around `span` has a verb in the past tense and no sign of the future ("will", "we'll"). */
function toldInThePast(text: string, tokens: readonly Token[], span: TextSpan): boolean {
  const inside = tokens[tokenAfter(tokens, span.start)];
  if (!inside) return false;
  const sentence = tokens.filter((t) => t.sentence === inside.sentence);
  const future = /\b(?:will|shall|going to)\b|['’]ll\b/i.test(text.slice(sentence[0]!.start, sentence.at(-1)!.end));
  return !future && sentence.some((t) => t.tags.has('PastTense') && t.tags.has('Verb'));
}

// ---------------------------------------------------------------------------------------------------------------
// Matching the facts already known

interface FactIndex {
  /** Names compared case-insensitively, folded as the matcher folds them. */
  folded: Map<string, Fact[]>;
  /** Case-sensitive aliases ("Kim", "US"), as the matcher compares them. */
  exact: Map<string, Fact[]>;
  dated: Map<string, Fact[]>;
}

function addTo(map: Map<string, Fact[]>, key: string, fact: Fact): void {
  const list = map.get(key);
  if (!list) map.set(key, [fact]);
  else if (!list.includes(fact)) list.push(fact);
}

function indexFacts(facts: readonly Fact[]): FactIndex {
  const index: FactIndex = { folded: new Map(), exact: new Map(), dated: new Map() };
  for (const fact of facts) {
    // As in the app, a label that is also an alias takes that alias's flags.
    const labelAlias = fact.aliases.find((alias) => foldAlias(alias.text) === foldAlias(fact.label));
    for (const name of [{ text: fact.label, caseSensitive: labelAlias?.caseSensitive ?? false }, ...fact.aliases]) {
      if (name.caseSensitive) addTo(index.exact, canonAlias(name.text), fact);
      else addTo(index.folded, foldAlias(name.text), fact);
    }
    if (fact.kind === 'date' && fact.date) addTo(index.dated, fact.date, fact);
  }
  return index;
}

/** The known fact the names belong to: of the same kind first, then the one most of the names point at. */
function matchExisting(index: FactIndex, kind: ProposedFactKind, names: readonly string[], iso: string | undefined): Fact | undefined {
  const hits = new Map<Fact, number>();
  const count = (facts: readonly Fact[] | undefined): void => facts?.forEach((fact) => hits.set(fact, (hits.get(fact) ?? 0) + 1));
  for (const name of names) {
    count(index.folded.get(foldAlias(name)));
    count(index.exact.get(canonAlias(name)));
  }
  if (iso) count(index.dated.get(iso));
  let best: Fact | undefined;
  const score = (fact: Fact): number => (fact.kind === kind ? 1000 : 0) + hits.get(fact)!;
  for (const fact of hits.keys()) if (best === undefined || score(fact) > score(best)) best = fact;
  return best;
}
