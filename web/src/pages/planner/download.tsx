// Export CSV: asks the server for the export, which it writes as a file, and opens the file's
// signed link: the browser streams it to disk under the name the server gives it.
import { useState } from 'react';
import { describeError } from '../../ui/errors';

function download(url: string) {
  const link = document.createElement('a');
  link.href = url;
  document.body.append(link);
  link.click();
  link.remove();
}

export function ExportCsvButton({
  fetchLink,
  onError,
}: {
  /** The export's signed download link. */
  fetchLink: () => Promise<string | undefined>;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    onError(null);
    try {
      const url = await fetchLink();
      if (url) download(url);
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
