// A keyword CSV file sent to the REST import endpoint as multipart/form-data (a file of any size
// streams there; GraphQL takes pasted text), and its snake_case report in the GraphQL shape.
import { currentAccessToken } from '../../auth/session';
import type { KeywordImportReportFieldsFragment } from '../../gql/graphql';
import type { FieldErrors, FormFailure } from '../../ui/errors';

const IMPORT_URL = '/api/v1/planner/keywords/import/';

interface RestImportReport {
  rows: number;
  added: number;
  duplicates: number;
  rejected: number;
  rejected_rows: { line: number; keyword: string | null; reason: string }[];
  limit_reached: boolean;
}

type RestAnswer =
  | { success: true; data: RestImportReport }
  | { success: false; error: string; errors?: Record<string, string[]> };

/** The REST report as the GraphQL `KeywordImportReport`, so one view shows both. */
function reportOfUpload(report: RestImportReport): KeywordImportReportFieldsFragment {
  return {
    __typename: 'KeywordImportReport',
    rows: report.rows,
    added: report.added,
    duplicates: report.duplicates,
    rejected: report.rejected,
    limitReached: report.limit_reached,
    rejectedRows: report.rejected_rows.map((row) => ({
      __typename: 'KeywordImportRejectedRow',
      line: row.line,
      keyword: row.keyword,
      reason: row.reason,
    })),
  };
}

/** A refused upload, as a form shows it: the server's message, and the file's problems beside its field. */
export class KeywordUploadError extends Error {
  constructor(readonly failure: FormFailure) {
    super(failure.message ?? 'The file was refused.');
  }
}

function failureOf(answer: { error: string; errors?: Record<string, string[]> }): FormFailure {
  const fields: FieldErrors = {};
  const others: string[] = [];
  for (const [field, messages] of Object.entries(answer.errors ?? {})) {
    if (field === 'file') fields.file = messages;
    else others.push(`${field}: ${messages.join('; ')}`);
  }
  return { message: [answer.error, ...others].join(' '), fields };
}

export async function uploadKeywordFile(
  place: { siteId: string; sectorId: string },
  file: File,
): Promise<KeywordImportReportFieldsFragment> {
  const body = new FormData();
  // The server reads the fields in order: the place first, then the file it streams.
  body.append('site_id', place.siteId);
  body.append('sector_id', place.sectorId);
  body.append('file', file);
  const token = await currentAccessToken();
  const response = await fetch(IMPORT_URL, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}`, accept: 'application/json' } : { accept: 'application/json' },
    body,
  });
  let answer: RestAnswer;
  try {
    answer = (await response.json()) as RestAnswer;
  } catch {
    throw new KeywordUploadError({
      message: `The upload failed (status ${response.status}). Try again in a moment.`,
      fields: {},
    });
  }
  if (!answer.success) throw new KeywordUploadError(failureOf(answer));
  return reportOfUpload(answer.data);
}
