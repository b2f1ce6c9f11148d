import type { EditorThemeClasses } from 'lexical';

/** Lexical's theme: node kinds → CSS classes (styled in editor.css), as in the Lexical playground. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'bd-paragraph',
  quote: 'bd-quote',
  heading: { h1: 'bd-h1', h2: 'bd-h2', h3: 'bd-h3' },
  list: {
    ul: 'bd-ul',
    ol: 'bd-ol',
    listitem: 'bd-li',
    nested: { listitem: 'bd-li-nested' },
  },
  link: 'bd-link',
  table: 'bd-table',
  tableRow: 'bd-table-row',
  tableCell: 'bd-table-cell',
  tableCellHeader: 'bd-table-cell-header',
  tableCellSelected: 'bd-table-cell-selected',
  tableSelection: 'bd-table-selection',
  tableScrollableWrapper: 'bd-table-scroll',
  hr: 'bd-hr',
  hrSelected: 'bd-hr-selected',
  code: 'bd-code-block',
  text: {
    bold: 'bd-bold',
    italic: 'bd-italic',
    underline: 'bd-underline',
    strikethrough: 'bd-strike',
    underlineStrikethrough: 'bd-underline-strike',
    code: 'bd-code',
  },
};
