import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

export interface BriefJson {
  id: string;
  title: string;
  revision: number;
  contentHash: string;
  editorState: { root: { children: Array<{ type: string; children: Array<{ text?: string; [key: string]: unknown }>; [key: string]: unknown }> } };
  [key: string]: unknown;
}

export async function briefFiles(workspace: string): Promise<string[]> {
  return (await readdir(join(workspace, 'briefs'))).filter((n) => n.endsWith('.brief.json') && !n.startsWith('.'));
}

export async function readBrief(workspace: string, name: string): Promise<BriefJson> {
  return JSON.parse(await readFile(join(workspace, 'briefs', name), 'utf8')) as BriefJson;
}

export function blockTexts(brief: BriefJson): string[] {
  return brief.editorState.root.children.map((b) => b.children.map((c) => c.text ?? '').join(''));
}

/** What another program (a sync client, a text editor) would do: rewrite the file with one paragraph of new text. */
export async function writeExternally(workspace: string, name: string, text: string): Promise<void> {
  const brief = await readBrief(workspace, name);
  brief.editorState.root.children = [
    {
      type: 'paragraph',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      textFormat: 0,
      textStyle: '',
      children: [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }],
    },
  ];
  brief.revision += 1;
  brief.contentHash = createHash('sha256').update(JSON.stringify(brief.editorState)).digest('hex');
  await writeFile(join(workspace, 'briefs', name), JSON.stringify(brief, null, 2));
}
