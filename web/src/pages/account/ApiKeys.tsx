import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useViewer } from '../../app/viewer';
import {
  type ApiKeyRowFragment,
  type ApiKeyScope,
  ApiKeysDocument,
  CreateApiKeyDocument,
  RevokeApiKeyDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyButton';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatDate, formatDateTime, humanize } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';

const FIELDS = ['name', 'scopes', 'expiresAt'] as const;
const SCOPES: { scope: ApiKeyScope; description: string }[] = [
  { scope: 'READ', description: 'Run queries' },
  { scope: 'WRITE', description: 'Run mutations too, with an editor’s rights' },
];

function CreateKeyForm({ onCreated }: { onCreated: () => void }) {
  const [createKey, { loading }] = useMutation(CreateApiKeyDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setCreated(null);
    const form = event.currentTarget;
    const { name = '' } = formValues(form);
    const scopes = new FormData(form).getAll('scopes').filter((s): s is ApiKeyScope => s === 'READ' || s === 'WRITE');
    try {
      const { data } = await createKey({ variables: { input: { name, scopes } } });
      if (!data) return;
      setCreated({ name: data.createApiKey.apiKey.name, secret: data.createApiKey.secret });
      form.reset();
      onCreated();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title="Create a key" description="For scripts and integrations calling the IGNY8 API.">
      {created && (
        <Banner tone="warning" title={`Copy the secret of “${created.name}” now`}>
          <p>
            This is the only time it is shown. Store it somewhere safe; if it is lost, revoke the key and create
            another.
          </p>
          <CopyField label="API key secret" name="apiKeySecret" value={created.secret} />
          <p className="muted">
            Send it as <code>Authorization: Bearer &lt;secret&gt;</code> or <code>X-API-Key: &lt;secret&gt;</code>.
          </p>
        </Banner>
      )}
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        <Field label="Name" name="name" required placeholder="e.g. Reporting script" errors={errorsFor('name')} />
        <fieldset className="fieldset-plain field">
          <legend>Scopes</legend>
          <div className="checkbox-row">
            {SCOPES.map(({ scope, description }) => (
              <label key={scope} className="checkbox">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'READ'} />
                <span>
                  <strong>{humanize(scope)}</strong> <span className="muted">— {description}</span>
                </span>
              </label>
            ))}
          </div>
          {errorsFor('scopes') && <p className="field-error">{errorsFor('scopes')?.join(' · ')}</p>}
        </fieldset>
        <FormActions busy={loading} busyLabel="Creating…">
          Create key
        </FormActions>
      </form>
    </Card>
  );
}

function KeyRow({ apiKey, onError }: { apiKey: ApiKeyRowFragment; onError: (message: string | null) => void }) {
  const [revoke] = useMutation(RevokeApiKeyDocument);
  const revoked = !!apiKey.revokedAt;
  return (
    <tr data-testid="api-key-row">
      <td className="cell-title">{apiKey.name}</td>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>
        {apiKey.scopes.map((scope) => (
          <Badge key={scope}>{humanize(scope)}</Badge>
        ))}
      </td>
      <td className="muted">{formatDateTime(apiKey.lastUsedAt, 'Never')}</td>
      <td className="muted">{formatDate(apiKey.createdAt)}</td>
      <td>{revoked ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}</td>
      <td className="cell-actions">
        {!revoked && (
          <ConfirmButton
            title="Revoke API key"
            message={
              <p>
                Revoke <strong>{apiKey.name}</strong>? Anything using it stops working within a minute. This cannot be
                undone.
              </p>
            }
            confirmLabel="Revoke"
            aria-label={`Revoke ${apiKey.name}`}
            onError={onError}
            onConfirm={() => revoke({ variables: { input: { id: apiKey.id } } })}
          >
            Revoke
          </ConfirmButton>
        )}
      </td>
    </tr>
  );
}

const KEY_COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Prefix' },
  { label: 'Scopes' },
  { label: 'Last used' },
  { label: 'Created' },
  { label: 'Status' },
  { label: 'Actions', hiddenLabel: true },
];

function ApiKeyList() {
  const pages = useCursorPages('');
  const { data, error, loading, refetch } = useQuery(ApiKeysDocument, {
    variables: { first: pages.first, after: pages.after },
  });
  const [rowError, setRowError] = useState<string | null>(null);
  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const apiKeys = data.apiKeys.edges.map((edge) => edge.node);
  return (
    <>
      <CreateKeyForm onCreated={() => void refetch()} />
      {rowError && <Banner tone="error">{rowError}</Banner>}
      <Card title="Keys">
        <DataTable
          label="API keys"
          columns={KEY_COLUMNS}
          rowIds={apiKeys.map((apiKey) => apiKey.id)}
          empty={<p>No API keys yet.</p>}
        >
          {apiKeys.map((apiKey) => (
            <KeyRow key={apiKey.id} apiKey={apiKey} onError={setRowError} />
          ))}
        </DataTable>
        {data.apiKeys.totalCount > 0 && (
          <Pager
            pages={pages}
            shown={apiKeys.length}
            totalCount={data.apiKeys.totalCount}
            pageInfo={data.apiKeys.pageInfo}
            noun="API keys"
          />
        )}
      </Card>
    </>
  );
}

export function ApiKeysPage() {
  const { canManage } = useViewer();
  return (
    <div className="page">
      <PageHeader title="API keys" description="Keys let integrations use the IGNY8 API on behalf of this account." />
      {canManage ? <ApiKeyList /> : <Banner tone="info">Only owners and admins can see and manage API keys.</Banner>}
    </div>
  );
}
