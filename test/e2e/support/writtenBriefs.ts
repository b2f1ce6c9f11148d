import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a brief file the way another program (an older or newer Briefdesk, a script, a sync client) might: any
 * editor state, with a correct content hash, so the host opens it as an ordinary brief. Returns the file's bytes.
 */
export async function writeBriefFile(workspace: string, id: string, title: string, editorState: unknown): Promise<Buffer> {
  const now = new Date().toISOString();
  const brief = {
    schemaVersion: 1,
    id,
    title,
    autoTitle: false,
    author: 'Someone else',
    classification: 'UNCLASSIFIED',
    template: 'blank',
    createdAt: now,
    updatedAt: now,
    revision: 4,
    contentHash: createHash('sha256').update(JSON.stringify(editorState)).digest('hex'),
    editorState,
  };
  const bytes = Buffer.from(`${JSON.stringify(brief, null, 2)}\n`);
  await mkdir(join(workspace, 'briefs'), { recursive: true });
  await writeFile(join(workspace, 'briefs', `${id}.brief.json`), bytes);
  return bytes;
}

/** Serialized Lexical nodes as the brief editor writes them, with any extra (or hostile) fields on top. */
export const node = {
  root: (...children: unknown[]) => ({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } }),
  paragraph: (...children: unknown[]) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children }),
  text: (text: string, extra: Record<string, unknown> = {}) => ({ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text, ...extra }),
  link: (url: string, extra: Record<string, unknown>, ...children: unknown[]) => ({
    type: 'link', version: 1, direction: null, format: '', indent: 0, url, rel: null, target: null, title: null, ...extra, children,
  }),
};
