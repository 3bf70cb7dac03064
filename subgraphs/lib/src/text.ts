// Text people type that others will see (names, titles, keywords): what is taken out before it
// is checked and stored.
import { z } from 'zod';

// Bidirectional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI):
// invisible, and they let a name display as something else ("‮moc.elgoog" shown as "google.com").
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional control characters (U+202A–U+202E, U+2066–U+2069). */
export const stripBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/**
 * A name, title or other short text people will read: bidirectional controls removed, then
 * trimmed; chain the length rules after it (`displayText().min(1, 'is required').max(120, …)`).
 */
export const displayText = () => z.string().overwrite(stripBidiControls).trim();
