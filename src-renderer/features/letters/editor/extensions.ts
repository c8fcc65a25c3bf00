import type { Extensions } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import TextAlign from '@tiptap/extension-text-align';
import { FieldHighlight } from './fieldHighlight';

/**
 * The letter editor's schema, kept to what the backend's sanitizer keeps (services/letters/sanitize.ts):
 * what the editor emits is saved without removals, and a saved body (the defaults included) opens and
 * saves again unchanged in substance.
 */

/** A percentage width is the one table style the sanitizer keeps (the validation notice uses 100%). */
const percentWidth = (el: HTMLElement): string | null => (/^\d{1,3}(\.\d+)?%$/.test(el.style.width) ? el.style.width : null);

/**
 * Tables without Tiptap's colgroup and pixel min-width (both removed by the sanitizer): a plain
 * `<table><tbody>` with an optional percentage width. Column resizing is off for the same reason.
 */
const LetterTable = Table.extend({
  addAttributes() {
    return {
      width: {
        default: null,
        parseHTML: percentWidth,
        renderHTML: (attrs) => (attrs.width ? { style: `width: ${attrs.width}` } : {}),
      },
    };
  },
  renderHTML({ HTMLAttributes }) {
    return ['table', HTMLAttributes, ['tbody', 0]];
  },
}).configure({ resizable: false });

export const letterExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [1, 2, 3, 4] },
    code: false,
    codeBlock: false,
    strike: false,
    // Links keep only their address: target and rel are attributes the sanitizer removes.
    link: { openOnClick: false, autolink: false, HTMLAttributes: { target: null, rel: null } },
  }),
  TextAlign.configure({ types: ['heading', 'paragraph'] }),
  LetterTable,
  TableRow,
  TableHeader,
  TableCell,
  FieldHighlight,
];
