import { describe, expect, it } from 'vitest';
import { htmlRevisionDiff, wordDiff } from '../src/domain/article/index.js';

describe('revision diffs', () => {
  it('shows the words added and removed between two texts', () => {
    const diff = wordDiff('Short sessions help young dogs learn.', 'Short daily sessions help puppies learn.');
    expect(diff.ops).toEqual([
      { kind: 'same', text: 'Short ' },
      { kind: 'added', text: 'daily ' },
      { kind: 'same', text: 'sessions help ' },
      { kind: 'removed', text: 'young dogs' },
      { kind: 'added', text: 'puppies' },
      { kind: 'same', text: ' learn.' },
    ]);
    expect([diff.added, diff.removed]).toEqual([2, 2]);
  });

  it('compares two HTML revisions as their text, ignoring markup-only changes', () => {
    const before = '<h2>Routine</h2><p>Feed your dog at <strong>set</strong> times &amp; walk daily.</p>';
    const after = '<h2>Routine</h2><p>Feed your dog at set times &amp; walk twice daily.</p>';
    const diff = htmlRevisionDiff(before, after);
    expect(diff.ops.filter((op) => op.kind !== 'same')).toEqual([{ kind: 'added', text: 'twice ' }]);
    expect(diff.ops.map((op) => op.text).join('')).toBe('Routine\n\nFeed your dog at set times & walk twice daily.');
  });

  it('finds nothing changed between equal revisions', () => {
    const diff = htmlRevisionDiff('<p>Same text.</p>', '<p>Same   text.</p>');
    expect([diff.added, diff.removed]).toEqual([0, 0]);
  });
});
