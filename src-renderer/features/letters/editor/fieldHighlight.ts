import { Extension } from '@tiptap/react';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { isLetterField, letterFieldPattern, letterFields } from '@shared/domain/letters';
import './editor.css';

/**
 * Marks each `{{name}}` in the text so that merge fields stand out from the wording: a known field
 * tinted with its label as a tooltip, an unknown one (a typo) in red before the save refuses it.
 * Decorations only: the HTML the editor emits is unchanged.
 */
function decorate(doc: PmNode): DecorationSet {
  const marks: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    for (const m of node.text.matchAll(letterFieldPattern)) {
      const name = m[1] ?? '';
      const from = pos + (m.index ?? 0);
      const known = isLetterField(name);
      marks.push(
        Decoration.inline(from, from + m[0].length, {
          class: known ? 'ld-letter-field' : 'ld-letter-field ld-letter-field-unknown',
          title: known ? letterFields[name].label : `{{${name}}} is not a merge field`,
        }),
      );
    }
  });
  return DecorationSet.create(doc, marks);
}

const key = new PluginKey<DecorationSet>('letterFieldHighlight');

export const FieldHighlight = Extension.create({
  name: 'letterFieldHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: { init: (_config, state) => decorate(state.doc), apply: (tr, old) => (tr.docChanged ? decorate(tr.doc) : old) },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
