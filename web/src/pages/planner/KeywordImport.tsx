// Keywords → Import: a CSV file (uploaded to the REST endpoint) or a pasted list (GraphQL), then
// the report of what was added, skipped and rejected.
import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ImportKeywordListDocument, type KeywordImportReportFieldsFragment } from '../../gql/graphql';
import { FormFailureBanner } from '../../ui/Banner';
import { useFormErrors } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { RadioGroup, type RadioOption } from '../../ui/RadioGroup';
import { ImportReportStep } from './ImportReport';
import { KeywordUploadError, uploadKeywordFile } from './keyword-upload';

const FIELDS = ['file', 'list', 'csv'] as const;
const COLUMNS_HINT =
  'A header row with a keyword column (keyword, query or term) and, if you have them, volume, difficulty (or kd), cpc, intent, country and language.';

type Source = 'file' | 'list';
const SOURCES: RadioOption<Source>[] = [
  { value: 'file', label: 'Upload a CSV file' },
  { value: 'list', label: 'Paste a list' },
];

export function KeywordImportDialog({
  place,
  sectorName,
  onImported,
  onClose,
}: {
  place: { siteId: string; sectorId: string };
  sectorName: string;
  /** Told after an import that added keywords (the table is read again). */
  onImported: () => void;
  onClose: () => void;
}) {
  const [source, setSource] = useState<Source>('file');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<KeywordImportReportFieldsFragment | null>(null);
  const [importList] = useMutation(ImportKeywordListDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    const list = String(data.get('list') ?? '').trim();
    if (source === 'file' && !(file instanceof File && file.size > 0)) {
      setFailure({ message: null, fields: { file: ['Choose a CSV file'] } });
      return;
    }
    if (source === 'list' && !list) {
      setFailure({ message: null, fields: { list: ['Paste at least one keyword'] } });
      return;
    }
    setBusy(true);
    try {
      const result =
        source === 'file'
          ? await uploadKeywordFile(place, file as File)
          : (await importList({ variables: { input: { ...place, list } } })).data?.importKeywords;
      if (result) {
        setReport(result);
        if (result.added > 0) onImported();
      }
    } catch (error) {
      if (error instanceof KeywordUploadError) setFailure(error.failure);
      else fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Import keywords" onClose={onClose} wide>
      {report ? (
        <ImportReportStep report={report} againLabel="Import more" onAgain={() => setReport(null)} onDone={onClose} />
      ) : (
        <form onSubmit={submit} className="form" noValidate aria-label="Import keywords">
          <p className="muted">
            Into the sector <strong>{sectorName}</strong>. Keywords the sector already has are skipped; rows that cannot
            be read are listed with their line and the reason.
          </p>
          <FormFailureBanner failure={failure} />
          <RadioGroup legend="Source" name="source" value={source} onChange={setSource} options={SOURCES} inline />
          {source === 'file' ? (
            <Field
              label="CSV file"
              name="file"
              type="file"
              accept=".csv,text/csv,text/plain"
              hint={COLUMNS_HINT}
              errors={errorsFor('file') ?? errorsFor('csv')}
            />
          ) : (
            <TextAreaField
              label="Keywords, one per line"
              name="list"
              rows={8}
              placeholder={'raised garden bed\nhow to build a raised garden bed'}
              errors={errorsFor('list')}
            />
          )}
          <FormActions busy={busy} busyLabel="Importing…" onCancel={onClose}>
            Import
          </FormActions>
        </form>
      )}
    </Modal>
  );
}
