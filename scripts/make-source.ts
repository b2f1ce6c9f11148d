/**
 * Builds a Source record from a plain-text file, one paragraph per non-blank line.
 *
 *   node --import tsx scripts/make-source.ts <input.txt> <id> <title> <output.json>
 *     [--kind=news article] [--publisher=unknown] [--published-at=unknown]
 *
 * The text is kept byte for byte (a trailing newline stays if the file has one); paragraph
 * ranges are UTF-16 offsets that exclude line terminators; the checksum is SHA-256 of the text.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { paragraphRanges } from '../shared/lib/catalogueChecks';
import { SOURCE_SCHEMA_VERSION, SourceSchema } from '../shared/model/source';

function main(argv: readonly string[]): void {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (const arg of argv) {
    const flag = /^--([a-z-]+)=(.*)$/s.exec(arg);
    if (flag) flags.set(flag[1]!, flag[2]!);
    else positional.push(arg);
  }
  const [input, id, title, output] = positional;
  if (!input || !id || !title || !output || positional.length !== 4) {
    throw new Error('usage: make-source.ts <input.txt> <id> <title> <output.json> [--kind=…] [--publisher=…] [--published-at=…]');
  }

  const text = readFileSync(input, 'utf8');
  const source = SourceSchema.parse({
    schemaVersion: SOURCE_SCHEMA_VERSION,
    id,
    title,
    kind: flags.get('kind') ?? 'news article',
    publisher: flags.get('publisher') ?? 'unknown',
    publishedAt: flags.get('published-at') ?? 'unknown',
    text,
    paragraphs: paragraphRanges(text),
    checksum: createHash('sha256').update(text, 'utf8').digest('hex'),
  });

  writeFileSync(output, `${JSON.stringify(source, null, 2)}\n`, 'utf8');
  console.log(`${output}: ${source.paragraphs.length} paragraphs, ${text.length} UTF-16 units, sha256 ${source.checksum}`);
}

main(process.argv.slice(2));
