import type { Fact } from '../model/fact';
import { matcherEntriesFromFacts } from './factMatcher';

/**
 * Bumped whenever the matcher or the editor's linking transforms change what a catalogue links (as the joining of
 * overlapping mentions of one fact did), so a brief linked under the old rules is checked again.
 */
const LINKING_RULES_VERSION = 1;

/** A 64-bit hash of `text`'s UTF-16 code units as two 32-bit halves: cyrb53's mixing (bryc), keeping all 64 bits. */
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2 >>> 0, h1 >>> 0];
}

/**
 * A stable fingerprint of what a catalogue links: each fact's id and the names it is matched by (label and aliases,
 * their case rules and the words they must not be followed by), in catalogue order, since that settles ties. Kinds,
 * summaries, tags and anchors change no link and are left out. 64 bits as 16 hex digits (CatalogueFingerprintSchema).
 */
export function catalogueFingerprint(facts: readonly Fact[]): string {
  const entries = matcherEntriesFromFacts(facts).map((entry) => [entry.factId, entry.alias, entry.caseSensitive, entry.unlessFollowedBy ?? []]);
  const text = JSON.stringify([LINKING_RULES_VERSION, entries]);
  return hash64(text)
    .map((half) => half.toString(16).padStart(8, '0'))
    .join('');
}
