import { z } from 'zod';
import type { EditorStateJSON } from '../model/brief';

export const TemplateIdSchema = z.enum(['blank', 'bluf']);
export type TemplateId = z.infer<typeof TemplateIdSchema>;

export const TEMPLATES: Readonly<Record<TemplateId, { label: string; sections: readonly string[] }>> = {
  blank: { label: 'Blank brief', sections: [] },
  bluf: { label: 'BLUF brief', sections: ['BLUF', 'Key Judgments', 'Background', 'Discussion', 'Outlook', 'Sources'] },
};

const block = (type: string, extra: Record<string, unknown>, text?: string) => ({
  type,
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  ...extra,
  children: text ? [{ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text }] : [],
});

/**
 * A template's editor state: an empty title heading (the brief's title follows it), then each section heading
 * followed by an empty paragraph to write in.
 */
export function templateEditorState(id: TemplateId): EditorStateJSON {
  const paragraph = () => block('paragraph', { textFormat: 0, textStyle: '' });
  const sections = TEMPLATES[id].sections;
  if (sections.length === 0) return { root: { ...block('root', {}), type: 'root', children: [paragraph()] } };
  const children = [block('heading', { tag: 'h1' }), ...sections.flatMap((section) => [block('heading', { tag: 'h2' }, section), paragraph()])];
  return { root: { ...block('root', {}), type: 'root', children } };
}
