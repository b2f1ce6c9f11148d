import { readdir } from 'node:fs/promises';
import { AppError } from '../../../../shared/contract/define';
import { SourceSchema, type Source } from '../../../../shared/model/source';
import { readJsonFile } from '../../platform/jsonFile';
import type { Workspace } from '../workspace/workspace';
import { hashBytes } from '../briefs/briefFile';

const SOURCE_SUFFIX = '.source.json';

/** Source texts in `sources/<id>.source.json`, read-only here; a text whose checksum fails is reported as altered. */
export class SourcesService {
  constructor(private readonly workspace: Workspace) {}

  async list(): Promise<Array<{ id: string; title: string; damaged?: string }>> {
    const names = (await readdir(this.workspace.folder('sources'))).filter((n) => n.endsWith(SOURCE_SUFFIX) && !n.startsWith('.'));
    return Promise.all(
      names.map(async (name) => {
        const id = name.slice(0, -SOURCE_SUFFIX.length);
        try {
          return { id, title: (await this.get({ id })).title };
        } catch (error) {
          return { id, title: name, damaged: (error as Error).message };
        }
      }),
    );
  }

  async get(args: { id: string }): Promise<Source> {
    const source = await readJsonFile(this.workspace.file('sources', `${args.id}${SOURCE_SUFFIX}`), SourceSchema, `The source ${args.id}`);
    if (hashBytes(source.text) !== source.checksum) {
      throw new AppError('damaged', `The source ${args.id} is damaged: its text no longer matches its checksum.`);
    }
    return source;
  }
}
