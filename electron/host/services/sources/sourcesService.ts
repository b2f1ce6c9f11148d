import { AppError } from '../../../../shared/contract/define';
import type { SourceSummary } from '../../../../shared/contract/sources';
import { sameNameKey } from '../../../../shared/lib/catalogueChecks';
import { SourceSchema, type Source, type SourceMetadata } from '../../../../shared/model/source';
import { MAX_FILE_BYTES } from '../../../../shared/limits';
import { readJsonFile, toJsonText } from '../../platform/jsonFile';
import { KeyedQueue } from '../../platform/keyedQueue';
import { listedFiles } from '../workspace/listedFiles';
import type { Workspace } from '../workspace/workspace';
import { hashBytes } from '../briefs/briefFile';

export const SOURCE_SUFFIX = '.source.json';

/** An optional text field set, or removed when empty. */
function setOptional<K extends 'author' | 'url' | 'reliability'>(source: Source, key: K, value: string): void {
  if (value === '') delete source[key];
  else (source as Record<K, string>)[key] = value;
}

/**
 * Source texts in `sources/<id>.source.json`. Their text is written only by an import (a new source, or a new
 * version replacing one); the analyst edits the metadata. A text whose checksum fails is reported as altered.
 */
export class SourcesService {
  private readonly queue = new KeyedQueue();

  constructor(private readonly workspace: Workspace) {}

  async list(): Promise<SourceSummary[]> {
    const listed = listedFiles(await this.workspace.files.list('sources'), SOURCE_SUFFIX, 'source');
    return Promise.all(
      listed.map(async ({ id, name, problem }): Promise<SourceSummary> => {
        if (problem) return { id, title: name, damaged: problem };
        try {
          const { title, publisher, publishedAt, reliability, credibility } = await this.get({ id });
          return { id, title, publisher, publishedAt, ...(reliability ? { reliability } : {}), ...(credibility ? { credibility } : {}) };
        } catch (error) {
          return { id, title: name, damaged: (error as Error).message };
        }
      }),
    );
  }

  /** Writes a source atomically (a new one, or a new version of one: the caller re-anchors what points into it). */
  write(source: Source): Promise<void> {
    return this.queue.run(source.id, () => this.workspace.files.write(this.path(source.id), toJsonText(SourceSchema.parse(source)), `The source ${source.id}`));
  }

  /** Adds labels to the proposals rejected for a source, once each (compared as names are: case and accents aside). */
  rejectProposals(args: { id: string; labels: readonly string[] }): Promise<null> {
    return this.queue.run(args.id, async () => {
      const source = await this.get({ id: args.id });
      const rejected = [...(source.rejectedProposals ?? [])];
      const keys = new Set(rejected.map(sameNameKey));
      for (const label of args.labels) {
        if (keys.has(sameNameKey(label))) continue;
        keys.add(sameNameKey(label));
        rejected.push(label);
      }
      await this.workspace.files.write(this.path(args.id), toJsonText(SourceSchema.parse({ ...source, rejectedProposals: rejected })), `The source ${args.id}`);
      return null;
    });
  }

  /** Changes a source's metadata; its text changes only by importing a new version. */
  update(args: { id: string; metadata: Partial<SourceMetadata> }): Promise<Source> {
    return this.queue.run(args.id, async () => {
      const source = await this.get({ id: args.id });
      const { reliability, credibility, author, url, ...rest } = args.metadata;
      const next: Source = { ...source, ...rest };
      if (author !== undefined) setOptional(next, 'author', author);
      if (url !== undefined) setOptional(next, 'url', url);
      if (reliability !== undefined) setOptional(next, 'reliability', reliability ?? '');
      if (credibility !== undefined) {
        if (credibility === null) delete next.credibility;
        else next.credibility = credibility;
      }
      await this.workspace.files.write(this.path(args.id), toJsonText(SourceSchema.parse(next)), `The source ${args.id}`);
      return next;
    });
  }

  private path(id: string): string {
    return this.workspace.file('sources', `${id}${SOURCE_SUFFIX}`);
  }

  async get(args: { id: string }): Promise<Source> {
    const source = await readJsonFile(this.workspace.files, this.path(args.id), SourceSchema, {
      maxBytes: MAX_FILE_BYTES.source,
      what: `The source ${args.id}`,
    });
    if (hashBytes(source.text) !== source.checksum) {
      throw new AppError('damaged', `The source ${args.id} is damaged: its text no longer matches its checksum.`);
    }
    return source;
  }
}
