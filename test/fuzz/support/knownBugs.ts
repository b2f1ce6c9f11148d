import type { Problem, Tolerance } from './outcomes';

/**
 * Bugs the fuzz properties found and that are not fixed yet (the product code belongs to someone else). Each has a
 * minimal `it.fails` test beside the property that found it; the property tolerates exactly that failure, for
 * exactly the inputs that cause it, so it keeps guarding everything else. When a bug is fixed its `it.fails` test
 * starts to pass, vitest reports that as a failure, and the tolerance here is to be deleted with it.
 */

/**
 * BUG deep-nesting: the editor-state check (EditorStateSchema, editorTreeProblem) walks `root` only, and the state is
 * a loose object: any other key of it (a sibling of `root`) may nest arrays or objects without limit. Every recursive
 * walk after the check then overflows the stack at about 4,000 levels: hashEditorState's JSON.stringify (a brief file
 * without a content hash, any backup read, save, backup and create arguments) and the transports' serializers (the
 * HTTP bridge's JSON.stringify, IPC's structured clone). A reader throws a RangeError instead of AppError('damaged'),
 * and the dispatcher answers `internal`. Tests: "BUG deep-nesting" in briefFile.test.ts, backupsHistory.test.ts and
 * contract.test.ts, each with 5,000 nested arrays under a key beside `root`.
 */
export const DEEP_NESTING_DEPTH = 1_000;

/** Recognised by the cause: a RangeError thrown by the reader, or logged by the host for an `internal` answer. */
export function deepNestingTolerance(inputDepth: number): Tolerance {
  return (problem: Problem) =>
    inputDepth > DEEP_NESTING_DEPTH &&
    (problem.kind === 'untyped-throw' || problem.kind === 'internal' || problem.kind === 'transport') &&
    problem.message.includes('Maximum call stack size exceeded');
}

/**
 * BUG long-name: ConfinedFolder.kind, .list and .createExclusive let Node's raw ENAMETOOLONG error escape (with the
 * absolute path in its message) for a path with a component longer than the file system allows (255 bytes): the
 * folder checks on the way down (checkFolders) and kind's final lstat run outside the ioError translation that
 * read, write, mkdir, remove and move have. Test: "BUG long-name" in confinedFolder.test.ts.
 */
export const longNameTolerance: Tolerance = (problem) => problem.kind === 'untyped-throw' && problem.message.includes('(ENAMETOOLONG)');

/**
 * BUG settings-loss: a damaged preferences file is kept only when it is not UTF-8 JSON (or not a regular file, or too
 * large). JSON that is not an object (`[]`, `null`, `1`) is read by conf as no preferences at all, with no notice,
 * and the first update overwrites it; an object with an invalid preference (`{"theme":"purple"}`) is repaired in
 * place by the SettingsService constructor, so the bytes that were there are gone (the notice says only that values
 * were reset). True for exactly those files: UTF-8 JSON that Briefdesk cannot take as it is. Tests: "BUG
 * settings-loss" in settings.test.ts.
 */
export function settingsLossKnown(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/**
 * BUG huge-revision: history.list reads a version's revision from its file name (`…-r<digits>-…`) with Number(), so
 * a name like `1551312000000-0001-r99999999999999999999-auto.json` (a copied or hand-renamed file) lists revision
 * 1e20, which the contract's z.number().int() refuses (beyond 2^53 - 1). The client then answers the whole
 * history.list with "The reply to history.list did not match the contract": one odd file hides every version of
 * the brief. Tolerated for exactly such names. Test: "BUG huge-revision" in backupsHistory.test.ts.
 */
export function hugeRevisionTolerance(fileName: string): Tolerance {
  const revision = /-r(\d+)-(?:explicit|auto|before-restore)\.json$/.exec(fileName)?.[1];
  const unsafe = revision !== undefined && !Number.isSafeInteger(Number(revision));
  return (problem) => unsafe && problem.kind === 'contract' && problem.message.includes('revision');
}

/**
 * BUG renamed-catalogue: a catalogue's facts are listed under the `id` inside the file, but the catalogue itself under
 * its file name, and every change goes to `facts/<inner id>.facts.json`. A catalogue copied or renamed outside the app
 * (file `hanoi-summit.facts.json` holding `"id": "renamed-elsewhere"`) lists facts whose catalogueId no catalogue has,
 * and facts.update, delete, addAlias, removeAlias and merge of any of them answer not_found "The fact catalogue
 * renamed-elsewhere does not exist." (Briefs read a renamed file under its file name.) True for a file whose inner id
 * is not its name. Test: "BUG renamed-catalogue" in factsSources.test.ts.
 */
export function renamedCatalogueKnown(bytes: Uint8Array, fileStem: string): boolean {
  try {
    const id: unknown = (JSON.parse(new TextDecoder().decode(bytes)) as { id?: unknown }).id;
    return id !== fileStem;
  } catch {
    return false;
  }
}
