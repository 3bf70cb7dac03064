// Flesch reading ease for English text: 206.835 − 1.015 × words per sentence − 84.6 × syllables per
// word. Syllables come from a vowel-group heuristic with the usual English corrections (silent final
// "e", "-es"/"-ed" endings, "-le"), close to dictionary counts for common words. Browser-safe.
import { sentences, words } from './text.js';

const VOWEL_GROUPS = /[aeiouy]+/g;

/** Syllables of one English word, by heuristic (at least 1). */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  // Silent endings: "make", "hopes", "jumped" — but "table", "little" keep their "-le".
  if (!/[^aeiouy]le$/.test(w)) w = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (end) => end.charAt(0));
  w = w.replace(/^y/, '');
  return Math.max(1, (w.match(VOWEL_GROUPS) ?? []).length);
}

export interface ReadingEase {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch reading ease, rounded to one decimal (higher is easier; 60–70 is plain English). */
  score: number;
}

export function fleschReadingEase(text: string): ReadingEase {
  const allWords = words(text).filter((word) => /[a-z]/i.test(word));
  const sentenceCount = Math.max(1, sentences(text.replace(/\n+/g, '. ')).filter((s) => /[a-z]/i.test(s)).length);
  const syllableCount = allWords.reduce((sum, word) => sum + syllables(word), 0);
  if (allWords.length === 0) return { words: 0, sentences: 0, syllables: 0, score: 0 };
  const score = 206.835 - 1.015 * (allWords.length / sentenceCount) - 84.6 * (syllableCount / allWords.length);
  return {
    words: allWords.length,
    sentences: sentenceCount,
    syllables: syllableCount,
    score: Math.round(score * 10) / 10,
  };
}
