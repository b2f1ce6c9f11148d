import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { AppError } from '../../../../shared/contract/define';
import type { SaveBriefArgs } from '../../../../shared/contract/briefs';
import {
  BRIEF_SCHEMA_VERSION,
  BriefSchema,
  UNTITLED_BRIEF,
  emptyEditorState,
  type Brief,
  type BriefSummary,
} from '../../../../shared/model/brief';
import { countWords, deriveTitle, editorStatePlainText } from '../../../../shared/lib/editorStateText';
import type { EventHub } from '../../events';
import { writeFileAtomic } from '../../platform/atomicWrite';
import { readJsonFile, toJsonText } from '../../platform/jsonFile';
import type { Workspace } from '../workspace/workspace';

const BRIEF_SUFFIX = '.brief.json';

/** Brief files in `briefs/<id>.brief.json`; saves to one brief run one after another. */
export class BriefsService {
  private readonly saveQueues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly events: EventHub,
  ) {}

  private path(id: string): string {
    return this.workspace.file('briefs', `${id}${BRIEF_SUFFIX}`);
  }

  async list(): Promise<BriefSummary[]> {
    const names = (await readdir(this.workspace.folder('briefs'))).filter((n) => n.endsWith(BRIEF_SUFFIX) && !n.startsWith('.'));
    const summaries = await Promise.all(
      names.map(async (name): Promise<BriefSummary> => {
        const id = name.slice(0, -BRIEF_SUFFIX.length);
        try {
          const brief = await this.read(id);
          return { id, title: brief.title, updatedAt: brief.updatedAt, wordCount: countWords(editorStatePlainText(brief.editorState)) };
        } catch (error) {
          return { id, title: name, wordCount: 0, damaged: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    return summaries.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') || a.title.localeCompare(b.title));
  }

  async create(args: { title?: string | undefined }): Promise<Brief> {
    const now = new Date().toISOString();
    const brief: Brief = {
      schemaVersion: BRIEF_SCHEMA_VERSION,
      id: randomUUID(),
      title: args.title?.trim() || UNTITLED_BRIEF,
      createdAt: now,
      updatedAt: now,
      revision: 0,
      editorState: emptyEditorState(),
    };
    await writeFileAtomic(this.path(brief.id), toJsonText(brief));
    this.events.publish('briefs.changed', { ids: [brief.id] });
    return brief;
  }

  open(args: { id: string }): Promise<Brief> {
    return this.read(args.id);
  }

  save(args: SaveBriefArgs): Promise<Brief> {
    const previous = this.saveQueues.get(args.id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.saveNow(args));
    this.saveQueues.set(args.id, next);
    void next.finally(() => {
      if (this.saveQueues.get(args.id) === next) this.saveQueues.delete(args.id);
    }).catch(() => undefined);
    return next;
  }

  private async saveNow(args: SaveBriefArgs): Promise<Brief> {
    const current = await this.read(args.id);
    if (current.revision !== args.baseRevision) {
      throw new AppError(
        'conflict',
        `This brief was changed elsewhere (revision ${current.revision}, yours is based on ${args.baseRevision}); it was not overwritten.`,
      );
    }
    const brief: Brief = {
      ...current,
      editorState: args.editorState,
      title: deriveTitle(args.editorState, UNTITLED_BRIEF),
      updatedAt: new Date().toISOString(),
      revision: current.revision + 1,
    };
    await writeFileAtomic(this.path(brief.id), toJsonText(BriefSchema.parse(brief)));
    this.events.publish('briefs.changed', { ids: [brief.id] });
    return brief;
  }

  private read(id: string): Promise<Brief> {
    return readJsonFile(this.path(id), BriefSchema, `The brief ${id}`);
  }
}
