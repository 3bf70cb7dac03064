// Payloads several planner mutations share.
import { builder } from '../builder.js';
import type { CsvExport } from '../domain/exports.js';

export const DeletePayload = builder.objectRef<{ deletedCount: number }>('PlannerDeletePayload').implement({
  description: 'How many of the named items were deleted (ids that did not exist are ignored).',
  fields: (t) => ({ deletedCount: t.exposeInt('deletedCount') }),
});

export const CsvExportRef = builder.objectRef<CsvExport>('CsvExport').implement({
  description:
    'A CSV export, written as a file: fetch `url` (no token needed; it works until `expiresAt`) to download it.',
  fields: (t) => ({
    url: t.exposeString('url', {
      description: "The signed download link, on this API's host (`/files/planner/…`); it is served as `fileName`.",
    }),
    fileName: t.exposeString('fileName', { description: 'e.g. `keywords-2026-12-07.csv`.' }),
    rows: t.exposeInt('rows', { description: 'Rows in the file, not counting the header.' }),
    bytes: t.exposeInt('bytes'),
    expiresAt: t.field({ type: 'DateTime', resolve: (e) => e.expiresAt }),
  }),
});
