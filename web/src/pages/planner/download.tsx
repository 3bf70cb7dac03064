// Export CSV: asks the server for the file's text and hands it to the browser as a download.
import { useState } from 'react';
import { describeError } from '../../ui/errors';

function saveText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `planner-keywords-gardening-2026-01-31.csv`. */
export function csvFileName(what: string, sectorName: string): string {
  const slug = sectorName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${what}-${slug || 'sector'}-${new Date().toISOString().slice(0, 10)}.csv`;
}

export function ExportCsvButton({
  filename,
  fetchCsv,
  onError,
}: {
  filename: string;
  fetchCsv: () => Promise<string>;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    onError(null);
    try {
      saveText(filename, await fetchCsv(), 'text/csv;charset=utf-8');
    } catch (error) {
      onError(describeError(error, []).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button button-secondary" disabled={busy} onClick={exportCsv}>
      {busy ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}
