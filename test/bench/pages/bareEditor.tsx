// The editor benchmark's baseline: a bare Lexical editor with the brief editor's nodes, theme, class and CSS, and
// none of our plugins (no fact linking, stats, autosave, toolbar…). Bundled with esbuild by editor.bench.ts and
// served next to the editor state it loads from `?state=<url>`.
import { createRoot } from 'react-dom/client';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { BRIEF_EDITOR_NODES } from '../../../renderer/src/editor/editorConfig';
import { editorTheme } from '../../../renderer/src/editor/theme/editorTheme';
// The ready signal only (a root listener and one mark): the baseline runs none of the plugins that do work per keystroke.
import { EditorReadyPlugin } from '../../../renderer/src/editor/plugins/EditorReadyPlugin';
import '../../../renderer/src/app/app.css';
import '../../../renderer/src/editor/theme/editor.css';

function BareEditor({ stateJson }: { stateJson: string }): React.JSX.Element {
  const config: InitialConfigType = {
    namespace: 'briefdesk-bare',
    theme: editorTheme,
    nodes: BRIEF_EDITOR_NODES,
    editorState: stateJson,
    onError: (error) => {
      throw error;
    },
  };
  return (
    <LexicalComposer initialConfig={config}>
      {/* The app's layout around the editor: a flex column whose scroller holds the 760 px editor. */}
      <div className="bd-main" style={{ height: '100%' }}>
        <div className="bd-editor-scroller">
          <RichTextPlugin
            contentEditable={<ContentEditable className="bd-editor" aria-label="Brief text" spellCheck />}
            placeholder={null}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <EditorReadyPlugin />
    </LexicalComposer>
  );
}

const stateUrl = new URLSearchParams(location.search).get('state') ?? '/state.json';
const stateJson = await (await fetch(stateUrl)).text();
const container = document.getElementById('root');
if (!container) throw new Error('the page has no #root element');
createRoot(container).render(<BareEditor stateJson={stateJson} />);
