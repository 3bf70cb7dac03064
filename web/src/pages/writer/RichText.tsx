// The article body's rich-text editor (TipTap): headings, lists, quotes, links, tables and images
// (kept as the AI wrote them); it answers the body as HTML on every change. A chunk of its own,
// loaded by the editor page only.
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';

/**
 * The body without the inline styles TipTap's tables add for editing (`min-width` on tables and
 * columns): the server drops them anyway, and parsing them again (export) would break the CSP.
 */
const withoutInlineStyles = (html: string) => html.replace(/\sstyle="[^"]*"/g, '');

function ToolButton({ label, active, onClick }: { label: string; active?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className={`button button-secondary button-small${active ? ' is-active' : ''}`}
      aria-pressed={active}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

export function RichText({
  html,
  editable,
  onChange,
}: {
  /** The body when the editor opens (it keeps its own text afterwards). */
  html: string;
  editable: boolean;
  onChange: (html: string) => void;
}) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: false }),
      Link.configure({ openOnClick: false }),
      Table,
      TableRow,
      TableHeader,
      TableCell,
      Image,
    ],
    content: html,
    editable,
    // Its default styles would be an inline <style>, which the app's CSP refuses: writer.css has them.
    injectCSS: false,
    editorProps: { attributes: { class: 'rich-text-body', 'aria-label': 'Article body', role: 'textbox' } },
    onUpdate: ({ editor: changed }) => onChange(withoutInlineStyles(changed.getHTML())),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current?.isActive('bold') ?? false,
      italic: current?.isActive('italic') ?? false,
      h2: current?.isActive('heading', { level: 2 }) ?? false,
      h3: current?.isActive('heading', { level: 3 }) ?? false,
      bullets: current?.isActive('bulletList') ?? false,
      numbers: current?.isActive('orderedList') ?? false,
      quote: current?.isActive('blockquote') ?? false,
      link: current?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = String(editor.getAttributes('link').href ?? '');
    const href = window.prompt('Link address (empty to remove)', previous);
    if (href === null) return;
    if (href.trim() === '') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  };
  return (
    <div className="rich-text">
      {editable && (
        <div className="rich-text-toolbar" role="toolbar" aria-label="Formatting">
          <ToolButton label="B" active={state?.bold} onClick={() => chain().toggleBold().run()} />
          <ToolButton label="I" active={state?.italic} onClick={() => chain().toggleItalic().run()} />
          <ToolButton label="H2" active={state?.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()} />
          <ToolButton label="H3" active={state?.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()} />
          <ToolButton label="• List" active={state?.bullets} onClick={() => chain().toggleBulletList().run()} />
          <ToolButton label="1. List" active={state?.numbers} onClick={() => chain().toggleOrderedList().run()} />
          <ToolButton label="Quote" active={state?.quote} onClick={() => chain().toggleBlockquote().run()} />
          <ToolButton label="Link" active={state?.link} onClick={setLink} />
          <ToolButton
            label="Table"
            onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          />
          <ToolButton label="Undo" onClick={() => chain().undo().run()} />
          <ToolButton label="Redo" onClick={() => chain().redo().run()} />
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
