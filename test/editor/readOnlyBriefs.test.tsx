// @vitest-environment happy-dom
import { $createParagraphNode, $createTextNode, $getRoot, getNearestEditorFromDOMNode } from 'lexical';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandRegistry } from '../../shared/commands/registry';
import { NotificationStore } from '../../shared/notifications/notificationStore';
import type { BriefdeskApi } from '../../shared/contract/client';
import { createClient } from '../../shared/contract/client';
import type { Transport } from '../../shared/contract/transport';
import { BRIEF_SCHEMA_VERSION, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import { defaultSettings } from '../../shared/model/settings';
// Types only: brings in the `window.briefdesk` declaration the session reads, without connecting to a host.
import type {} from '../../renderer/src/api/client';
import { NotificationArea } from '../../renderer/src/app/notifications/NotificationArea';
import { IDLE_DELAY_MS } from '../../renderer/src/features/briefs/briefSessionStore';
import { useBriefsFeature } from '../../renderer/src/features/briefs/useBriefsFeature';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const paragraph = (text: string) => ({
  type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '',
  children: [{ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text }],
});
const stateOf = (...children: unknown[]): EditorStateJSON => ({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } }) as EditorStateJSON;

function briefWith(id: string, editorState: EditorStateJSON): Brief {
  return {
    schemaVersion: BRIEF_SCHEMA_VERSION, id, title: id, autoTitle: false, author: '', classification: 'UNCLASSIFIED', template: 'blank',
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', revision: 3, contentHash: '0'.repeat(64), editorState,
  };
}

/**
 * The workspace services as the renderer sees them: the real contract client (every reply checked against its
 * schema) over an in-memory transport that answers the few methods a brief session uses and logs every call.
 */
function fakeHost(briefs: Brief[], saveWarning?: string) {
  const calls: Array<{ method: string; arg: unknown }> = [];
  const byId = new Map(briefs.map((brief) => [brief.id, brief]));
  const answers: Record<string, (arg: unknown) => unknown> = {
    'briefs.list': () => [...byId.values()].map(({ id, title }) => ({ id, title, wordCount: 1 })),
    'briefs.open': (arg) => byId.get((arg as { id: string }).id),
    'briefs.readBackup': () => null,
    'briefs.backup': () => ({ savedAt: '2026-01-01T00:00:01.000Z' }),
    'briefs.save': (arg) => {
      const { id, editorState } = arg as { id: string; editorState: EditorStateJSON };
      const saved = { ...byId.get(id)!, editorState, revision: byId.get(id)!.revision + 1 };
      byId.set(id, saved);
      return saveWarning ? { ...saved, warning: saveWarning } : saved;
    },
    'briefs.create': (arg) => {
      const { title, editorState } = arg as { title?: string; editorState: EditorStateJSON };
      const created = { ...briefWith(`copy-${byId.size}`, editorState), title: title ?? 'Untitled', revision: 0 };
      byId.set(created.id, created);
      return created;
    },
    'settings.get': () => ({ settings: defaultSettings() }),
    'settings.update': () => defaultSettings(),
    'facts.list': () => [],
  };
  const transport: Transport = {
    invoke: async (method, arg) => {
      calls.push({ method, arg });
      const answer = answers[method];
      return answer ? { ok: true, value: answer(arg) } : { ok: false, error: { code: 'unknown_method', message: method } };
    },
    subscribe: () => () => undefined,
  };
  return { api: createClient(transport), calls, methods: () => calls.map((call) => call.method) };
}

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

/** The briefs feature's panes and the notification area, as the workbench lays them out. */
function BriefsPanes(props: { api: BriefdeskApi; registry: CommandRegistry; notifications: NotificationStore; lastOpenBrief: string; workspaceReadOnly: string | undefined }) {
  const feature = useBriefsFeature({ ...props, autosave: true, onShowSource: () => undefined });
  return (
    <>
      <NotificationArea store={props.notifications} />
      {feature.sidebar}
      {feature.editor}
      {feature.dialogs}
    </>
  );
}

/** Renders the briefs feature with one brief open, as the app does, and waits for its editor. */
async function openWorkspace(brief: Brief, workspaceReadOnly: string | undefined, saveWarning?: string) {
  const host = fakeHost([brief], saveWarning);
  const registry = new CommandRegistry();
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root!.render(
      <BriefsPanes api={host.api} registry={registry} notifications={new NotificationStore()} lastOpenBrief={brief.id} workspaceReadOnly={workspaceReadOnly} />,
    ),
  );
  await vi.waitFor(() => expect(container.querySelector('.bd-editor')).not.toBeNull());
  const element = container.querySelector<HTMLElement>('.bd-editor')!;
  const editor = getNearestEditorFromDOMNode(element)!;
  return {
    host,
    container,
    element,
    /** What typing does to the document, done the way a plugin would (an editor update), which works read-only too. */
    edit: () => act(() => editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('typed'))), { discrete: true })),
    /** Runs a command the way a key, the menu or the palette does: through the registry, which checks it may run. */
    command: (name: string) => act(async () => void (await registry.run(name))),
    /** Lets the idle timer (backup and autosave) run out. */
    idle: () => act(() => new Promise((resolve) => setTimeout(resolve, IDLE_DELAY_MS + 300))),
  };
}

const WRITES = ['briefs.save', 'briefs.backup', 'briefs.readBackup', 'briefs.rename'];

describe('a read-only workspace', () => {
  it('says why, opens the brief not editable, and never saves or backs up, not even on Ctrl+S', async () => {
    const view = await openWorkspace(briefWith('b1', stateOf(paragraph('Saved text.'))), 'the folder is on a read-only disk');
    expect(view.container.textContent).toContain('This workspace cannot be changed: the folder is on a read-only disk.');
    expect(view.element.getAttribute('contenteditable')).toBe('false');
    expect(view.container.querySelector('[data-status]')?.textContent).toBe('Read-only: not saved, the workspace cannot be changed (the folder is on a read-only disk)');
    expect(view.container.querySelector('[role="toolbar"]')).toBeNull();
    await view.edit();
    await view.idle();
    await view.command('brief.save');
    expect(view.host.methods().filter((method) => WRITES.includes(method))).toEqual([]);
  });

  it('(the same brief in a writable workspace is backed up and saved, so the harness would see a write)', async () => {
    const view = await openWorkspace(briefWith('b1', stateOf(paragraph('Saved text.'))), undefined);
    expect(view.element.getAttribute('contenteditable')).toBe('true');
    await view.edit();
    await view.idle();
    expect(view.host.methods()).toEqual(expect.arrayContaining(['briefs.readBackup', 'briefs.backup', 'briefs.save']));
  });
});

describe('a save that landed with a warning', () => {
  it('shows the warning, reads as saved, and the next save goes on from the new revision', async () => {
    const warning = 'Saved, but no version of it was kept in the history (the disk is full).';
    const view = await openWorkspace(briefWith('b3', stateOf(paragraph('Saved text.'))), undefined, warning);
    await view.edit();
    await view.command('brief.save');
    await vi.waitFor(() => expect(view.container.textContent).toContain(warning));
    expect(view.container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('saved');
    await view.edit();
    await view.command('brief.save');
    await vi.waitFor(() => expect(view.host.calls.filter((call) => call.method === 'briefs.save')).toHaveLength(2));
    const second = view.host.calls.filter((call) => call.method === 'briefs.save')[1]!.arg as { baseRevision: number };
    expect(second.baseRevision).toBe(4);
  });
});

describe('a brief with content this version cannot show', () => {
  const withImage = briefWith('b2', stateOf(paragraph('Before.'), { type: 'image', version: 1, src: 'http://tracker.example/x.png' }, paragraph('After.')));

  it('names it, shows the rest with a placeholder, and never saves or backs up', async () => {
    const view = await openWorkspace(withImage, undefined);
    expect(view.container.textContent).toContain('This brief contains content this version of Briefdesk cannot show (image). Nothing will be changed.');
    expect([...view.element.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Before.', '[content this version cannot show: image]', 'After.']);
    expect(view.element.getAttribute('contenteditable')).toBe('false');
    await view.edit();
    await view.idle();
    await view.command('brief.save');
    expect(view.host.methods().filter((method) => WRITES.includes(method))).toEqual([]);
    expect(view.container.querySelector('[data-status]')?.textContent).toBe('Read-only: not saved, this brief has content this version cannot show');
  });

  it('duplicates without the unknown parts into a new, editable brief', async () => {
    const view = await openWorkspace(withImage, undefined);
    const button = [...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Duplicate without the unknown parts')!;
    await act(async () => button.click());
    const create = view.host.calls.find((call) => call.method === 'briefs.create')!.arg as { title: string; editorState: EditorStateJSON };
    expect(create.title).toBe('b2 (without unknown content)');
    expect(JSON.stringify(create.editorState)).not.toMatch(/image|cannot show/);
    await vi.waitFor(() => expect(view.container.querySelector('.bd-editor')?.getAttribute('contenteditable')).toBe('true'));
    expect(view.container.textContent).not.toContain('cannot show');
    expect(view.host.methods()).not.toContain('briefs.save');
  });

  it('in a read-only workspace offers no copy, which could not be written', async () => {
    const view = await openWorkspace(withImage, 'no permission to write');
    expect(view.container.textContent).toContain('cannot show (image)');
    expect([...view.container.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Duplicate without the unknown parts');
  });
});
