import { AppError } from '../../../../shared/contract/define';
import { SourceSchema, type Source } from '../../../../shared/model/source';
import { MAX_FILE_BYTES } from '../../../../shared/limits';
import { readJsonFile } from '../../platform/jsonFile';
import { listedFiles } from '../workspace/listedFiles';
import type { Workspace } from '../workspace/workspace';
import { hashBytes } from '../briefs/briefFile';

const SOURCE_SUFFIX = '.source.json';

/** Source texts in `sources/<id>.source.json`, read-only here; a text whose checksum fails is reported as altered. */
export class SourcesService {
  constructor(private readonly workspace: Workspace) {}

  async list(): Promise<Array<{ id: string; title: string; damaged?: string }>> {
    const listed = listedFiles(await this.workspace.files.list('sources'), SOURCE_SUFFIX, 'source');
    return Promise.all(
      listed.map(async ({ id, name, problem }) => {
        if (problem) return { id, title: name, damaged: problem };
        try {
          return { id, title: (await this.get({ id })).title };
        } catch (error) {
          return { id, title: name, damaged: (error as Error).message };
        }
      }),
    );
  }

  async get(args: { id: string }): Promise<Source> {
    const source = await readJsonFile(this.workspace.files, this.workspace.file('sources', `${args.id}${SOURCE_SUFFIX}`), SourceSchema, {
      maxBytes: MAX_FILE_BYTES.source,
      what: `The source ${args.id}`,
    });
    if (hashBytes(source.text) !== source.checksum) {
      throw new AppError('damaged', `The source ${args.id} is damaged: its text no longer matches its checksum.`);
    }
    return source;
  }
}
