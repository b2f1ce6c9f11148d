import fc from 'fast-check';

/**
 * Mutated versions of a real document (a bundled brief, catalogue, source, a real backup or contract argument): edits
 * on its JSON structure (wrong types, deleted and unknown keys, unknown node types, huge strings, deep nesting,
 * subtrees copied elsewhere) and on its bytes (bit flips, truncation, splices, invalid UTF-8). Each input carries the
 * recipe that made it, which is what fast-check prints for a counterexample instead of megabytes of bytes.
 */

type Step = string | number;
type Path = readonly Step[];

/** A value that is built only when the input is: deep nesting cannot go through JSON.stringify (it overflows). */
interface Deep {
  readonly deep: number;
  readonly shape: 'array' | 'object' | 'node';
}
interface Huge {
  readonly huge: number;
  readonly unit: string;
}
type Replacement = { json: unknown } | Deep | Huge;

type ValueEdit =
  | { kind: 'replace'; at: number; with: Replacement }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: Replacement }
  | { kind: 'node-type'; at: number; type: string }
  | { kind: 'copy'; at: number; from: number }
  | { kind: 'wrap'; at: number; shape: 'array' | 'node' };

type ByteEdit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: readonly number[]; name: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'splice'; from: number; length: number; at: number };

/** An input and the recipe that made it from its base. */
export class Mutated<T> {
  constructor(
    readonly value: T,
    readonly recipe: readonly string[],
  ) {}

  [fc.toStringMethod](): string {
    return this.recipe.length ? this.recipe.join('; ') : 'the base, unchanged';
  }
}

const DEEP_DEPTHS = [65, 3_000, 10_000, 100_000] as const;
const HUGE_LENGTHS = [201, 4_001, 100_000, 1_000_000] as const;

const wrongTypes = fc.constantFrom<unknown[]>(null, true, false, 0, -1, 1.5, 2 ** 53, 1e308, '', ' ', 'x', '\u0000', [], {}, [null], { type: 'text' });

const replacement: fc.Arbitrary<Replacement> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
  { weight: 3, arbitrary: wrongTypes.map((json) => ({ json })) },
  { weight: 1, arbitrary: fc.record({ deep: fc.constantFrom(...DEEP_DEPTHS), shape: fc.constantFrom('array' as const, 'object' as const, 'node' as const) }) },
  { weight: 1, arbitrary: fc.record({ huge: fc.constantFrom(...HUGE_LENGTHS), unit: fc.constantFrom('x', 'é', '🕊', '"', '\\', '\u0000', '\ud800') }) },
);

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'type', 'children', 'schemaVersion', 'id', '$', ''), fc.string({ maxLength: 12 }));
const nodeType = fc.oneof(
  fc.constantFrom('script', 'image', 'iframe', 'html', 'fact-reference', 'unlinked-mention', 'root', 'text', 'list', '', ' ', 'PARAGRAPH', 'x'.repeat(101)),
  fc.string({ maxLength: 20 }),
);

const valueEdit: fc.Arbitrary<ValueEdit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: replacement }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: hostileKey, value: replacement }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('node-type' as const), at: fc.nat(), type: nodeType }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), at: fc.nat(), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), at: fc.nat(), shape: fc.constantFrom('array' as const, 'node' as const) }) },
);

/** Byte runs worth inserting: invalid UTF-8 of every kind, JSON's structural characters, a NUL, a BOM. */
const INSERTS: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: 'a stray continuation byte', bytes: [0x80] },
  { name: 'an 0xFF byte', bytes: [0xff] },
  { name: 'an overlong NUL', bytes: [0xc0, 0x80] },
  { name: 'an encoded surrogate', bytes: [0xed, 0xa0, 0x80] },
  { name: 'a cut-off 3-byte sequence', bytes: [0xe2, 0x82] },
  { name: 'a code point above U+10FFFF', bytes: [0xf4, 0x90, 0x80, 0x80] },
  { name: 'a UTF-8 BOM', bytes: [0xef, 0xbb, 0xbf] },
  { name: 'a NUL', bytes: [0x00] },
  { name: 'a quote', bytes: [0x22] },
  { name: 'a backslash', bytes: [0x5c] },
  { name: 'an opening brace', bytes: [0x7b] },
  { name: 'a closing bracket', bytes: [0x5d] },
  { name: 'a comma', bytes: [0x2c] },
  { name: '"null"', bytes: [0x6e, 0x75, 0x6c, 0x6c] },
];

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), insert: fc.oneof(fc.constantFrom(...INSERTS), fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => ({ name: 'random bytes', bytes: [...b] }))) }).map(({ kind, at, insert }) => ({ kind, at, ...insert })),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 512 }), at: fc.nat() }) },
);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every path in a JSON value, the root first, walked with an explicit stack. */
function pathsOf(root: unknown): Path[] {
  const paths: Path[] = [];
  const stack: Array<{ value: unknown; path: Path }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    paths.push(path);
    if (Array.isArray(value)) value.forEach((child, index) => stack.push({ value: child, path: [...path, index] }));
    else if (isObject(value)) for (const key of Object.keys(value)) stack.push({ value: value[key], path: [...path, key] });
  }
  return paths;
}

function describePath(path: Path): string {
  const text = `$${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
  return text.length > 120 ? `${text.slice(0, 60)}…${text.slice(-59)}` : text;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function get(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) value = (value as Record<Step, unknown>)[step];
  return value;
}

/** Sets `root` at `path` to `value` (an own property even for `__proto__`); returns the new root. */
function set(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as Record<Step, unknown>;
  Object.defineProperty(parent, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

function remove(root: unknown, path: Path): unknown {
  if (path.length === 0) return null;
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<Step, unknown>)[last];
  return root;
}

/** Builds nesting `depth` levels deep without recursion, around `inner`. */
function nest(depth: number, shape: Deep['shape'], inner: unknown): unknown {
  let value = inner;
  for (let level = 0; level < depth; level++) {
    value = shape === 'array' ? [value] : shape === 'object' ? { a: value } : { type: 'paragraph', children: [value] };
  }
  return value;
}

/** The text of `nest(depth, shape, 1)`, for inputs that must go to disk (JSON.stringify cannot write it). */
function nestedText(depth: number, shape: Deep['shape']): string {
  const [open, close] = shape === 'array' ? ['[', ']'] : shape === 'object' ? ['{"a":', '}'] : ['{"type":"paragraph","children":[', ']}'];
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

/**
 * Applies value edits to a copy of `base`. Deep nesting is left as a marker string until every edit is done (the
 * paths of a value nested 100,000 deep would take gigabytes), then built in memory by `buildDeep` (contract
 * arguments) or written as text by `serialize` (files).
 */
function applyValueEdits(base: unknown, edits: readonly ValueEdit[]): { value: unknown; recipe: string[]; deep: Map<string, Deep> } {
  let value: unknown = structuredClone(base);
  const recipe: string[] = [];
  const deep = new Map<string, Deep>();
  const build = (r: Replacement): { value: unknown; words: string } => {
    if ('json' in r) return { value: structuredClone(r.json), words: preview(r.json) };
    if ('huge' in r) return { value: r.unit.repeat(r.huge), words: `${JSON.stringify(r.unit)} × ${r.huge}` };
    const words = `${r.shape === 'node' ? 'paragraphs' : r.shape === 'array' ? 'arrays' : 'objects'} nested ${r.deep} deep`;
    const marker = `@@deep-${deep.size}@@`;
    deep.set(marker, r);
    return { value: marker, words };
  };
  for (const edit of edits) {
    const paths = pathsOf(value);
    const path = paths[edit.at % paths.length]!;
    const where = describePath(path);
    const target = get(value, path);
    switch (edit.kind) {
      case 'replace': {
        const { value: replacementValue, words } = build(edit.with);
        value = set(value, path, replacementValue);
        recipe.push(`replace ${where} with ${words}`);
        break;
      }
      case 'delete':
        value = remove(value, path);
        recipe.push(`delete ${where}`);
        break;
      case 'add-key': {
        const { value: added, words } = build(edit.value);
        if (isObject(target)) set(target, [edit.key], added);
        else if (Array.isArray(target)) target.push(added);
        else value = set(value, path, Object.defineProperty({}, edit.key, { value: added, enumerable: true, writable: true, configurable: true }));
        recipe.push(`add ${JSON.stringify(edit.key)}: ${words} at ${where}`);
        break;
      }
      case 'node-type':
        if (isObject(target)) {
          target.type = edit.type;
          recipe.push(`set the type of ${where} to ${JSON.stringify(edit.type)}`);
        }
        break;
      case 'copy': {
        const from = paths[edit.from % paths.length]!;
        value = set(value, path, structuredClone(get(value, from)));
        recipe.push(`copy ${describePath(from)} over ${where}`);
        break;
      }
      case 'wrap':
        value = set(value, path, edit.shape === 'array' ? [target] : { type: 'paragraph', children: [target] });
        recipe.push(`wrap ${where} in ${edit.shape === 'array' ? 'an array' : 'a paragraph'}`);
        break;
    }
  }
  return { value, recipe, deep };
}

function applyByteEdits(bytes: Buffer, edits: readonly ByteEdit[]): { bytes: Buffer; recipe: string[] } {
  let current = bytes;
  const recipe: string[] = [];
  for (const edit of edits) {
    const length = current.length;
    switch (edit.kind) {
      case 'flip':
      case 'set': {
        if (length === 0) break;
        const at = edit.at % length;
        current = Buffer.from(current);
        current[at] = edit.kind === 'flip' ? current[at]! ^ (1 << edit.bit) : edit.byte;
        recipe.push(edit.kind === 'flip' ? `flip bit ${edit.bit} of byte ${at}` : `set byte ${at} to 0x${edit.byte.toString(16)}`);
        break;
      }
      case 'truncate': {
        const at = edit.at % (length + 1);
        current = current.subarray(0, at);
        recipe.push(`truncate to ${at} bytes`);
        break;
      }
      case 'insert': {
        const at = edit.at % (length + 1);
        current = Buffer.concat([current.subarray(0, at), Buffer.from(edit.bytes), current.subarray(at)]);
        recipe.push(`insert ${edit.name} at byte ${at}`);
        break;
      }
      case 'delete': {
        if (length === 0) break;
        const at = edit.at % length;
        current = Buffer.concat([current.subarray(0, at), current.subarray(at + edit.length)]);
        recipe.push(`delete ${Math.min(edit.length, length - at)} bytes at ${at}`);
        break;
      }
      case 'splice': {
        if (length === 0) break;
        const from = edit.from % length;
        const slice = current.subarray(from, from + edit.length);
        const at = edit.at % (length + 1);
        current = Buffer.concat([current.subarray(0, at), slice, current.subarray(at)]);
        recipe.push(`copy ${slice.length} bytes from ${from} to ${at}`);
        break;
      }
    }
  }
  return { bytes: current, recipe };
}

/** Replaces the deep-nesting markers in `root` (shallow apart from them) with the nested values they stand for. */
function buildDeep(root: unknown, deep: ReadonlyMap<string, Deep>): unknown {
  const built = (value: unknown) => {
    const spec = typeof value === 'string' ? deep.get(value) : undefined;
    return spec ? nest(spec.deep, spec.shape, 1) : value;
  };
  if (deep.size === 0) return root;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const container = stack.pop();
    if (typeof container !== 'object' || container === null) continue;
    for (const key of Object.keys(container)) {
      const field = (container as Record<string, unknown>)[key];
      const replaced = built(field);
      if (replaced !== field) Object.defineProperty(container, key, { value: replaced, enumerable: true, writable: true, configurable: true });
      else stack.push(field);
    }
  }
  return built(root);
}

function serialize(value: unknown, indent: number, deep: ReadonlyMap<string, Deep>): Buffer {
  let text = JSON.stringify(value, null, indent) ?? 'null';
  for (const [marker, { deep: depth, shape }] of deep) text = text.replace(JSON.stringify(marker), () => nestedText(depth, shape));
  return Buffer.from(indent > 0 ? `${text}\n` : text, 'utf8');
}

/**
 * Files made from `base`: structure edits, byte edits, both, random bytes, and JSON of the wrong shape altogether.
 * The base itself comes up too (no edits), so a property also proves a good file reads as a value.
 */
export function mutatedFile(base: unknown): fc.Arbitrary<Mutated<Buffer>> {
  const valueEdits = fc.array(valueEdit, { minLength: 0, maxLength: 4 });
  const byteEdits = fc.array(byteEdit, { minLength: 0, maxLength: 4 });
  const indent = fc.constantFrom(2, 0);
  const edited = fc.tuple(valueEdits, indent, byteEdits).map(([edits, spaces, bytes]) => {
    const { value, recipe, deep } = applyValueEdits(base, edits);
    const changed = applyByteEdits(serialize(value, spaces, deep), bytes);
    return new Mutated(changed.bytes, [...recipe, ...(spaces === 0 ? ['written compact'] : []), ...changed.recipe]);
  });
  return fc.oneof(
    { weight: 12, arbitrary: edited },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => new Mutated(Buffer.from(bytes), [`random bytes (${bytes.length})`])) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => new Mutated(Buffer.from(JSON.stringify(json)), [`replaced by ${preview(json)}`])) },
  );
}

/** Contract arguments made from a valid one by structure edits only (an argument crosses the transport as JSON). */
export function mutatedValue(base: unknown): fc.Arbitrary<Mutated<unknown>> {
  return fc.array(valueEdit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const { value, recipe, deep } = applyValueEdits(base, edits);
    return new Mutated(buildDeep(value, deep), recipe);
  });
}

