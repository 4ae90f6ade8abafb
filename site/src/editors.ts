import { markdownLanguage } from '@codemirror/lang-markdown';
import { LanguageSupport } from '@codemirror/language';
import { lintGutter } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers, placeholder } from '@codemirror/view';
import { minimalSetup } from 'codemirror';

export interface EditorOptions {
  parent: HTMLElement;
  /** The accessible name ("Spec", "Template"). */
  label: string;
  text: string;
  hint: string;
  onChange: () => void;
  extra?: Extension[];
}

/** A Markdown editor; Tab is left to move focus on, so the page works with the keyboard alone. */
export function createEditor(options: EditorOptions): EditorView {
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        minimalSetup,
        lineNumbers(),
        lintGutter(),
        // Markdown alone: markdown() would add HTML, CSS and JavaScript parsers (150 kB) for embedded code.
        new LanguageSupport(markdownLanguage),
        EditorView.lineWrapping,
        placeholder(options.hint),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange();
        }),
        ...(options.extra ?? []),
      ],
    }),
  });
}

/** Replaces an editor's whole text. */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** A 1-based line and column as a position in the editor, clamped to the text. */
export function positionOf(view: EditorView, line: number, column: number): number {
  const doc = view.state.doc;
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(at.from + Math.max(column, 1) - 1, at.to);
}
