import * as nodeFs from 'node:fs/promises';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveFs } from '../../electron/host/platform/atomicWrite';
import type { BriefdeskApi } from '../../shared/contract/client';
import type { Brief, EditorStateJSON } from '../../shared/model/brief';
import { BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { BriefSessionStore, type BriefSessionSnapshot, type SessionStateName } from '../../renderer/src/features/briefs/briefSessionStore';
import { inProcessApi } from '../support/inProcessApi';
import { testContainer } from '../support/testContainer';

/**
 * The brief session store, headless, over every transition: a real container on a temp folder behind the real
 * contract client, and a real (headless) Lexical editor that mounts each content the store hands out, the way
 * `BriefEditor` does when the content key changes.
 */

const IDLE_MS = 30;

function paragraphs(...texts: string[]): EditorStateJSON {
  return {
    root: {
      type: 'root',
      children: texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '' }] })),
    },
  };
}

/** A disk whose brief saves can be made to fail, as a full disk would. */
function faultyDisk(): { fs: SaveFs; failing: { on: boolean } } {
  const failing = { on: false };
  return {
    failing,
    fs: {
      open: ((path: string, ...rest: unknown[]) => {
        if (failing.on && path.includes(`${join('briefs', '.')}`.slice(0, -1)) && rest[0] === 'wx') {
          return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
        }
        return (nodeFs.open as (...args: unknown[]) => Promise<nodeFs.FileHandle>)(path, ...rest);
      }) as SaveFs['open'],
      rename: nodeFs.rename,
      unlink: nodeFs.unlink,
    },
  };
}

class Harness {
  readonly editor: LexicalEditor = createHeadlessEditor({ namespace: 'test', nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
  readonly states: SessionStateName[] = [];
  readonly store: BriefSessionStore;
  private mountedKey: string | undefined;
  mounts = 0;
  /** What the editor's linking reports as the catalogue its content is linked against. */
  linkedCatalogue: string | undefined;

  constructor(
    readonly api: BriefdeskApi,
    readonly options: { autosave?: boolean; workspaceReadOnly?: string } = {},
  ) {
    this.store = new BriefSessionStore(api, { autosave: options.autosave ?? true, workspaceReadOnly: options.workspaceReadOnly }, IDLE_MS);
    this.store.attachEditor({
      read: () => this.editor.getEditorState().toJSON() as unknown as EditorStateJSON,
      linkedCatalogue: () => this.linkedCatalogue,
      focus: () => undefined,
    });
    this.store.subscribe(() => {
      const snapshot = this.store.getSnapshot();
      if (this.states.at(-1) !== snapshot.state) this.states.push(snapshot.state);
      // What BriefEditor does: a new content key remounts the editor with that state.
      if (snapshot.content && snapshot.content.key !== this.mountedKey) {
        this.mountedKey = snapshot.content.key;
        this.mounts += 1;
        this.editor.setEditorState(snapshot.content.editorState);
      }
    });
  }

  get now(): BriefSessionSnapshot {
    return this.store.getSnapshot();
  }

  /** Types a paragraph at the end, as the editor would report it. */
  type(text: string): void {
    this.editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode(text))), { discrete: true });
    this.store.edited();
  }

  text(): string {
    return this.editor.getEditorState().read(() => $getRoot().getTextContent());
  }
}

const envs: Array<Awaited<ReturnType<typeof testContainer>>> = [];
afterEach(async () => {
  await Promise.all(envs.splice(0).map((env) => env.dispose()));
});

async function setup(options: { autosave?: boolean; workspaceReadOnly?: string; saveFs?: SaveFs } = {}) {
  const env = await testContainer(options.saveFs ? { saveFs: options.saveFs } : {});
  envs.push(env);
  const api = inProcessApi(env.container);
  const created = await api.briefs.create({ title: 'Session test', editorState: paragraphs('First line.') });
  if (!created.ok) throw new Error(created.error.message);
  return { env, api, brief: created.value, harness: new Harness(api, options) };
}

async function onDisk(workspacePath: string, id: string): Promise<Brief> {
  return JSON.parse(await readFile(join(workspacePath, 'briefs', `${id}.brief.json`), 'utf8')) as Brief;
}

const settle = (ms = IDLE_MS * 4) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await settle(10);
  }
}

describe('brief session store', () => {
  it('closed → loading → clean on open, and an unknown id ends in error with the host’s words', async () => {
    const { harness, brief } = await setup();
    expect(harness.now.state).toBe('closed');
    await harness.store.open(brief.id);
    expect(harness.states).toEqual(['loading', 'clean']);
    expect(harness.now.brief?.title).toBe('Session test');
    expect(harness.text()).toBe('First line.');

    await harness.store.open('no-such-brief');
    expect(harness.now.state).toBe('error');
    expect(harness.now.error).toMatch(/no-such-brief/);
    expect(harness.now.brief).toBeUndefined();
  });

  it('clean → dirty → saving → clean; an edit made during the save stays dirty and is saved next', async () => {
    const { harness, brief, env } = await setup({ autosave: false });
    await harness.store.open(brief.id);
    harness.type('Second line.');
    expect(harness.now.state).toBe('dirty');
    const saving = harness.store.save('explicit');
    expect(harness.now.state).toBe('saving');
    harness.type('Typed while saving.');
    expect(await saving).toBe(true);
    expect(harness.now.state).toBe('dirty');
    expect(await harness.store.save('explicit')).toBe(true);
    expect(harness.now.state).toBe('clean');
    const saved = await onDisk(env.workspacePath, brief.id);
    expect(JSON.stringify(saved.editorState)).toContain('Typed while saving.');
  });

  it('a save records the catalogue the content is linked against, and none while the editor is still linking', async () => {
    const { harness, brief, env } = await setup({ autosave: false });
    await harness.store.open(brief.id);
    harness.type('Linked.');
    await harness.store.save('explicit');
    expect((await onDisk(env.workspacePath, brief.id)).linkedCatalogue).toBeUndefined();
    harness.linkedCatalogue = '0123456789abcdef';
    harness.type('Linked again.');
    await harness.store.save('explicit');
    expect((await onDisk(env.workspacePath, brief.id)).linkedCatalogue).toBe('0123456789abcdef');
    await harness.store.close();
    await harness.store.open(brief.id);
    expect(harness.now.content?.linkedCatalogue).toBe('0123456789abcdef');
  });

  it('after a pause the edits are backed up, and saved when autosave is on', async () => {
    const off = await setup({ autosave: false });
    await off.harness.store.open(off.brief.id);
    off.harness.type('Kept in the backup only.');
    const backedUp = async () => {
      const backup = await off.api.briefs.readBackup({ id: off.brief.id });
      return backup.ok && JSON.stringify(backup.value?.editorState ?? null).includes('Kept in the backup only.');
    };
    await until(backedUp, 'the backup is written');
    await settle();
    expect(off.harness.now.state).toBe('dirty');

    const on = await setup({ autosave: true });
    await on.harness.store.open(on.brief.id);
    on.harness.type('Saved after the pause.');
    await until(() => on.harness.now.state === 'clean', 'the autosave lands');
    expect(JSON.stringify((await onDisk(on.env.workspacePath, on.brief.id)).editorState)).toContain('Saved after the pause.');
  });

  it('a failed save → error with the edits kept; the next save retries and lands', async () => {
    const disk = faultyDisk();
    const { harness, brief, env } = await setup({ autosave: false, saveFs: disk.fs });
    await harness.store.open(brief.id);
    harness.type('Must not be lost.');
    disk.failing.on = true;
    expect(await harness.store.save('explicit')).toBe(false);
    expect(harness.now.state).toBe('error');
    expect(harness.now.error).toMatch(/disk is full|space/i);
    expect(harness.text()).toContain('Must not be lost.');
    disk.failing.on = false;
    expect(await harness.store.save('explicit')).toBe(true);
    expect(harness.now.state).toBe('clean');
    expect(JSON.stringify((await onDisk(env.workspacePath, brief.id)).editorState)).toContain('Must not be lost.');
  });

  it('an outside change reloads a clean brief, and asks (conflict) when there are unsaved edits', async () => {
    const { harness, brief, api } = await setup({ autosave: false });
    await harness.store.open(brief.id);
    const outside = await api.briefs.save({ id: brief.id, editorState: paragraphs('Changed elsewhere.'), baseRevision: brief.revision, reason: 'explicit' });
    expect(outside.ok).toBe(true);
    await harness.store.externalChange('changed');
    expect(harness.now.state).toBe('clean');
    expect(harness.text()).toBe('Changed elsewhere.');

    harness.type('Mine.');
    await harness.store.externalChange('changed');
    expect(harness.now.state).toBe('conflict');
    expect(harness.now.conflict).toBe('changed');
    expect(await harness.store.save('auto')).toBe(false);
  });

  /** An open brief with "Mine." typed and unsaved, after another program saved "Theirs." over it. */
  async function inConflict() {
    const context = await setup({ autosave: false });
    const { harness, brief, api } = context;
    await harness.store.open(brief.id);
    harness.type('Mine.');
    await api.briefs.save({ id: brief.id, editorState: paragraphs('Theirs.'), baseRevision: harness.now.brief!.revision, reason: 'explicit' });
    await harness.store.externalChange('changed');
    expect(harness.now.state).toBe('conflict');
    return context;
  }

  it('conflict → keep mine writes my text over theirs', async () => {
    const { harness, brief, env } = await inConflict();
    await harness.store.resolveConflict('keepMine');
    expect(harness.now.state).toBe('clean');
    expect(harness.now.conflict).toBeUndefined();
    const saved = JSON.stringify((await onDisk(env.workspacePath, brief.id)).editorState);
    expect(saved).toContain('Mine.');
    expect(saved).not.toContain('Theirs.');
  });

  it('conflict → save mine as a copy makes “… (copy)” and leaves theirs alone', async () => {
    const { harness, brief, env } = await inConflict();
    await harness.store.resolveConflict('saveCopy');
    expect(harness.now.state).toBe('clean');
    expect(harness.now.brief?.title).toBe('Session test (copy)');
    expect(harness.now.brief?.id).not.toBe(brief.id);
    expect(harness.text()).toContain('Mine.');
    expect(JSON.stringify((await onDisk(env.workspacePath, brief.id)).editorState)).toContain('Theirs.');
  });

  it('conflict → take theirs reloads; removed → close it leaves the store closed', async () => {
    const { harness } = await inConflict();
    await harness.store.resolveConflict('takeTheirs');
    expect(harness.now.state).toBe('clean');
    expect(harness.text()).toBe('Theirs.');

    harness.type('More of mine.');
    await harness.store.externalChange('removed');
    expect(harness.now.conflict).toBe('removed');
    await harness.store.resolveConflict('takeTheirs');
    expect(harness.now.state).toBe('closed');
  });

  it('deleting the open brief saves its edits, moves it to the trash and closes it; typing then changes nothing; undo brings it all back', async () => {
    const { harness, brief, api, env } = await setup({ autosave: false });
    await harness.store.open(brief.id);
    harness.type('Typed just before deleting.');
    expect(await harness.store.deleteOpen()).toBeUndefined();
    expect(harness.now.state).toBe('closed');
    expect(harness.now.brief).toBeUndefined();
    expect(harness.now.error).toBeUndefined();
    expect(await readdir(join(env.workspacePath, 'briefs'))).not.toContain(`${brief.id}.brief.json`);

    // The old hook kept the editor open here: typing went on, marked the brief "Not saved", and was dropped later.
    harness.type('Typed after deleting.');
    expect(harness.now.state).toBe('closed');
    expect(await harness.store.save('explicit')).toBe(false);
    await settle();
    expect(await readdir(join(env.workspacePath, 'briefs'))).not.toContain(`${brief.id}.brief.json`);

    const trash = await api.briefs.listTrash();
    const entry = trash.ok ? trash.value.entries.find((e) => e.briefId === brief.id) : undefined;
    expect(entry).toBeDefined();
    const restored = await api.briefs.restore({ entryId: entry!.entryId });
    expect(restored.ok).toBe(true);
    if (restored.ok) await harness.store.adopt(restored.value);
    expect(harness.now.state).toBe('clean');
    expect(harness.text()).toContain('Typed just before deleting.');
  });

  it('renaming keeps the mounted editor (same content key) and its unsaved text, and saves the new title', async () => {
    const { harness, brief, env } = await setup({ autosave: false });
    await harness.store.open(brief.id);
    const key = harness.now.content?.key;
    const mounts = harness.mounts;
    harness.type('Edit before the rename.');
    expect(await harness.store.rename('Renamed brief')).toBeUndefined();
    expect(harness.now.content?.key).toBe(key);
    expect(harness.mounts).toBe(mounts);
    expect(harness.now.brief?.title).toBe('Renamed brief');
    expect(harness.text()).toContain('Edit before the rename.');
    const saved = await onDisk(env.workspacePath, brief.id);
    expect(saved.title).toBe('Renamed brief');
    expect(JSON.stringify(saved.editorState)).toContain('Edit before the rename.');

    harness.type('Edit after the rename.');
    expect(await harness.store.save('explicit')).toBe(true);
    expect(JSON.stringify((await onDisk(env.workspacePath, brief.id)).editorState)).toContain('Edit after the rename.');
  });

  it('a refused rename leaves title and editor as they were, in words', async () => {
    const { harness, brief } = await setup({ autosave: false });
    await harness.store.open(brief.id);
    expect(await harness.store.rename('   ')).toMatch(/title|name/i);
    expect(harness.now.brief?.title).toBe('Session test');
  });

  it('damaged: shows the file’s reason instead of an editor, and opening a brief leaves it', async () => {
    const { harness, brief } = await setup();
    await harness.store.showDamaged('broken', 'The file is not JSON.');
    expect(harness.now.state).toBe('damaged');
    expect(harness.now.damaged).toEqual({ id: 'broken', reason: 'The file is not JSON.' });
    await harness.store.open(brief.id);
    expect(harness.now.state).toBe('clean');
    expect(harness.now.damaged).toBeUndefined();
  });

  it('a read-only workspace: no edit counts, nothing is saved or backed up', async () => {
    const { harness, brief, env } = await setup({ workspaceReadOnly: 'the folder is on a read-only disk' });
    await harness.store.open(brief.id);
    expect(harness.now.readOnly).toEqual({ kind: 'workspace', reason: 'the folder is on a read-only disk' });
    const before = await readFile(join(env.workspacePath, 'briefs', `${brief.id}.brief.json`), 'utf8');
    harness.type('Not for saving.');
    expect(harness.now.state).toBe('clean');
    expect(await harness.store.save('explicit')).toBe(false);
    await settle();
    expect(await readFile(join(env.workspacePath, 'briefs', `${brief.id}.brief.json`), 'utf8')).toBe(before);
  });

  it('a recovered backup is offered on open; restore makes it the editor’s content (dirty), discard removes it', async () => {
    const { harness, brief, api } = await setup({ autosave: false });
    await api.briefs.backup({ id: brief.id, editorState: paragraphs('From the backup.'), baseRevision: brief.revision });
    await harness.store.open(brief.id);
    expect(harness.now.pendingBackup).toBeDefined();
    harness.store.restoreBackup();
    expect(harness.now.state).toBe('dirty');
    // The backup was never linked against any catalogue the file names: the editor must check it in full.
    expect(harness.now.content?.linkedCatalogue).toBeUndefined();
    expect(harness.text()).toBe('From the backup.');
    expect(harness.now.pendingBackup).toBeUndefined();

    await harness.store.save('explicit');
    await api.briefs.backup({ id: brief.id, editorState: paragraphs('Another backup.'), baseRevision: harness.now.brief!.revision });
    await harness.store.close();
    await harness.store.open(brief.id);
    expect(harness.now.pendingBackup).toBeDefined();
    await harness.store.discardBackup();
    expect(harness.now.pendingBackup).toBeUndefined();
    const gone = await api.briefs.readBackup({ id: brief.id });
    expect(gone.ok && gone.value).toBeNull();
    expect(harness.text()).toBe('From the backup.');
  });

  it('closing saves unsaved edits; opening another brief closes the first one the same way', async () => {
    const { harness, brief, api, env } = await setup({ autosave: false });
    const other = await api.briefs.create({ title: 'Other', editorState: paragraphs('Other text.') });
    await harness.store.open(brief.id);
    harness.type('Saved on the way out.');
    if (other.ok) await harness.store.open(other.value.id);
    expect(harness.now.brief?.title).toBe('Other');
    expect(JSON.stringify((await onDisk(env.workspacePath, brief.id)).editorState)).toContain('Saved on the way out.');
    expect(await harness.store.close()).toBe(true);
    expect(harness.now.state).toBe('closed');
  });

  it('a slow answer for an earlier brief does not replace the brief opened after it', async () => {
    const { harness, brief, api } = await setup();
    const other = await api.briefs.create({ title: 'Other', editorState: paragraphs('Other text.') });
    const first = harness.store.open(brief.id);
    if (other.ok) await harness.store.open(other.value.id);
    await first;
    expect(harness.now.brief?.title).toBe('Other');
  });
});
