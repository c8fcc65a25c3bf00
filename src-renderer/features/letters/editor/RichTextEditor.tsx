import { useEffect } from 'react';
import { Group, Text } from '@mantine/core';
import { RichTextEditor as Mantine } from '@mantine/tiptap';
import '@mantine/tiptap/styles.css';
import { IconTable } from '@tabler/icons-react';
import { useEditor } from '@tiptap/react';
import { letterFields } from '@shared/domain/letters';
import { letterExtensions } from './extensions';
import { FieldPicker } from './FieldPicker';

export interface RichTextEditorProps {
  /** The body as HTML (what letters.templates.save takes). */
  value: string;
  onChange: (html: string) => void;
  /** Show the merge-field picker, which inserts `{{name}}` at the cursor. */
  fields?: boolean;
  minHeight?: number;
  readOnly?: boolean;
  /** Names the editable area for assistive technology (and tests). */
  label?: string;
}

/**
 * The letter editor (Tiptap under Mantine's toolbar): headings, bold, italic, lists, the open-items
 * table field, undo/redo, and optionally the merge-field picker. Emits HTML the backend's sanitizer
 * keeps as it is (see ./extensions.ts).
 */
export function RichTextEditor({ value, onChange, fields = false, minHeight = 240, readOnly = false, label = 'Letter body' }: RichTextEditorProps) {
  const editor = useEditor({
    extensions: letterExtensions,
    content: value,
    editable: !readOnly,
    editorProps: { attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', style: `min-height: ${minHeight}px` } },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });

  // A new value from outside (another template or version opened) replaces the document without
  // echoing it back through onChange; the editor's own edits arrive here equal and change nothing.
  useEffect(() => {
    if (editor && !editor.isDestroyed && value !== editor.getHTML()) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  const insertField = (name: string) => editor?.chain().focus().insertContent(`{{${name}}}`).run();
  // The open-items table is a block field: alone in its paragraph, the merged table takes the paragraph's place.
  const insertOpenItems = () =>
    editor
      ?.chain()
      .focus()
      .insertContent([{ type: 'paragraph', content: [{ type: 'text', text: '{{openItems}}' }] }, { type: 'paragraph' }])
      .run();

  return (
    <Mantine editor={editor}>
      {!readOnly && (
        <Mantine.Toolbar>
          <Mantine.ControlsGroup>
            <Mantine.H1 />
            <Mantine.H2 />
            <Mantine.H3 />
          </Mantine.ControlsGroup>
          <Mantine.ControlsGroup>
            <Mantine.Bold />
            <Mantine.Italic />
          </Mantine.ControlsGroup>
          <Mantine.ControlsGroup>
            <Mantine.BulletList />
            <Mantine.OrderedList />
          </Mantine.ControlsGroup>
          <Mantine.ControlsGroup>
            <Mantine.Control onClick={insertOpenItems} aria-label={`Insert ${letterFields.openItems.label.toLowerCase()}`} title={letterFields.openItems.fills}>
              <IconTable size={16} stroke={1.5} />
            </Mantine.Control>
          </Mantine.ControlsGroup>
          <Mantine.ControlsGroup>
            <Mantine.Undo />
            <Mantine.Redo />
          </Mantine.ControlsGroup>
          {fields && (
            <Group ml="auto" gap="xs">
              <Text size="xs" c="dimmed">
                Merge fields are filled for each account.
              </Text>
              <FieldPicker onPick={insertField} ariaLabel={`Insert a merge field in the ${label.toLowerCase()}`} />
            </Group>
          )}
        </Mantine.Toolbar>
      )}
      <Mantine.Content />
    </Mantine>
  );
}
