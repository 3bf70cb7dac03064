// What changed between two revisions, word by word (the `diff` package's diffWords), and the same for
// two HTML bodies compared as their readable text. Browser-safe.
import { diffWords } from 'diff';
import { htmlToText } from './html-scan.js';

export interface DiffOp {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface WordDiff {
  ops: DiffOp[];
  /** Words added and removed (whitespace-separated). */
  added: number;
  removed: number;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function wordDiff(oldText: string, newText: string): WordDiff {
  const ops: DiffOp[] = diffWords(oldText, newText).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
  return {
    ops,
    added: ops.filter((op) => op.kind === 'added').reduce((sum, op) => sum + wordCount(op.text), 0),
    removed: ops.filter((op) => op.kind === 'removed').reduce((sum, op) => sum + wordCount(op.text), 0),
  };
}

/** Two HTML revisions compared as text: tags dropped, entities decoded, blocks on their own lines. */
export function htmlRevisionDiff(oldHtml: string, newHtml: string): WordDiff {
  return wordDiff(htmlToText(oldHtml), htmlToText(newHtml));
}
