// Facts about content structures the rules need, kept apart from the zod schemas in draft.ts so
// the browser's editor checks (browser.ts → rules.ts) do not bring zod into the web app.
import type { ContentStructure } from '@igny8/db/writer';

/** Structures whose articles must hold a table. */
export const TABLE_STRUCTURES: readonly ContentStructure[] = ['comparison', 'review', 'listicle'];
