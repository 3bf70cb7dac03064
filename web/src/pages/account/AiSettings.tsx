// Account settings → AI: the provider the account's AI work uses (the platform default, offline,
// or its own OpenAI-compatible server and key), its models and defaults, and a connection test.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useViewer } from '../../app/viewer';
import {
  type AiProvider,
  AiSettingsDocument,
  TestAiSettingsDocument,
  type TestAiSettingsMutation,
  UpdateAiSettingsDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field, SelectField } from '../../ui/Field';
import { Card, Loading } from '../../ui/PageHeader';

const FIELDS = [
  'provider',
  'baseUrl',
  'apiKey',
  'chatModel',
  'embeddingModel',
  'imageModel',
  'temperature',
  'maxTokens',
  'imageSize',
  'imageStyle',
] as const;

const PROVIDERS: { value: AiProvider; label: string }[] = [
  { value: 'ENV', label: 'Platform default' },
  { value: 'OPENAI', label: 'My OpenAI-compatible provider' },
  { value: 'OFFLINE', label: 'Offline (placeholders, no AI calls)' },
];

/** A number field: empty means "use the default". */
const numberOrNull = (value: string | undefined) => (value ? Number(value) : null);

export function AiSettingsSection() {
  const { canManage } = useViewer();
  const { data, error, loading } = useQuery(AiSettingsDocument);
  const [update, { loading: saving }] = useMutation(UpdateAiSettingsDocument);
  const [runTest, { loading: testing }] = useMutation(TestAiSettingsDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const [saved, setSaved] = useState(false);
  const [check, setCheck] = useState<TestAiSettingsMutation['testAiSettings'] | null>(null);
  const [provider, setProvider] = useState<AiProvider | null>(null);

  if (loading && !data) return <Loading label="Loading AI settings…" />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const settings = data.aiSettings;
  const chosen = provider ?? settings.provider;

  const save = async (input: Record<string, unknown>) => {
    clear();
    setSaved(false);
    setCheck(null);
    try {
      await update({ variables: { input } });
      setSaved(true);
    } catch (caught) {
      fail(caught);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await save({
      provider: chosen,
      baseUrl: values.baseUrl ?? '',
      // Empty: the stored key stays (it is never sent back to be shown).
      ...(values.apiKey ? { apiKey: values.apiKey } : {}),
      chatModel: values.chatModel ?? '',
      embeddingModel: values.embeddingModel ?? '',
      imageModel: values.imageModel ?? '',
      temperature: numberOrNull(values.temperature),
      maxTokens: numberOrNull(values.maxTokens),
      imageSize: values.imageSize ?? '',
      imageStyle: values.imageStyle ?? '',
    });
  };

  const test = async () => {
    clear();
    setCheck(null);
    try {
      const result = await runTest();
      if (result.data) setCheck(result.data.testAiSettings);
    } catch (caught) {
      fail(caught);
    }
  };

  const own = chosen === 'OPENAI';
  return (
    <Card title="AI settings">
      <p className="field-hint">
        Now using{' '}
        <strong>{settings.effectiveProvider === 'OFFLINE' ? 'offline placeholders' : settings.effectiveBaseUrl}</strong>{' '}
        ({settings.effectiveSource === 'account' ? 'your settings' : 'the platform default'}): chat{' '}
        <code>{settings.effectiveChatModel}</code>, images <code>{settings.effectiveImageModel}</code> at{' '}
        {settings.effectiveImageSize}.
      </p>
      {!canManage && <Banner tone="info">Only owners and admins can change the AI settings.</Banner>}
      {saved && <Banner tone="success">AI settings saved. The next job uses them.</Banner>}
      {check && (
        <Banner tone={check.ok ? 'success' : 'error'} title={check.ok ? 'Connection works' : 'Connection failed'}>
          {check.message}
        </Banner>
      )}
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate key={settings.updatedAt ?? 'defaults'}>
        <fieldset disabled={!canManage || saving} className="fieldset-plain">
          <SelectField
            label="Provider"
            name="provider"
            value={chosen}
            onChange={(event) => setProvider(event.target.value as AiProvider)}
            errors={errorsFor('provider')}
          >
            {PROVIDERS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </SelectField>
          {own && (
            <>
              <Field
                label="Base URL"
                name="baseUrl"
                type="url"
                defaultValue={settings.baseUrl ?? ''}
                placeholder="https://api.openai.com/v1"
                hint="The server's API root: OpenAI, Azure OpenAI, or e.g. http://127.0.0.1:11434/v1 for Ollama."
                errors={errorsFor('baseUrl')}
              />
              <Field
                label="API key"
                name="apiKey"
                type="password"
                autoComplete="off"
                placeholder={settings.hasApiKey ? 'Leave empty to keep the stored key' : 'sk-…'}
                hint={
                  settings.hasApiKey ? (
                    <span data-testid="ai-key-stored">
                      {settings.apiKeyLast4 ? `•••• ${settings.apiKeyLast4}` : '••••'} stored (encrypted; never shown).
                    </span>
                  ) : (
                    'Stored encrypted and never shown again.'
                  )
                }
                errors={errorsFor('apiKey')}
              />
              {settings.hasApiKey && canManage && (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button-danger-ghost button-small"
                    onClick={() => save({ apiKey: '' })}
                    disabled={saving}
                  >
                    Clear stored key
                  </button>
                </div>
              )}
            </>
          )}
          <Field
            label="Chat model"
            name="chatModel"
            defaultValue={settings.chatModel ?? ''}
            placeholder={settings.effectiveChatModel}
            hint="Empty: the default shown."
            errors={errorsFor('chatModel')}
          />
          <Field
            label="Embedding model"
            name="embeddingModel"
            defaultValue={settings.embeddingModel ?? ''}
            placeholder={settings.effectiveEmbeddingModel}
            errors={errorsFor('embeddingModel')}
          />
          <Field
            label="Image model"
            name="imageModel"
            defaultValue={settings.imageModel ?? ''}
            placeholder={settings.effectiveImageModel}
            errors={errorsFor('imageModel')}
          />
          <Field
            label="Temperature"
            name="temperature"
            type="number"
            min={0}
            max={2}
            step={0.1}
            defaultValue={settings.temperature ?? ''}
            hint="0–2: lower is more predictable. Empty: the model's default."
            errors={errorsFor('temperature')}
          />
          <Field
            label="Max tokens"
            name="maxTokens"
            type="number"
            min={1}
            max={32000}
            step={1}
            defaultValue={settings.maxTokens ?? ''}
            hint="The longest answer, 1–32,000. Empty: no limit."
            errors={errorsFor('maxTokens')}
          />
          <SelectField
            label="Image size"
            name="imageSize"
            defaultValue={settings.imageSize ?? ''}
            errors={errorsFor('imageSize')}
          >
            <option value="">Default ({settings.effectiveImageSize})</option>
            {data.testImageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </SelectField>
          <Field
            label="Image style"
            name="imageStyle"
            defaultValue={settings.imageStyle ?? ''}
            placeholder="e.g. photorealistic"
            errors={errorsFor('imageStyle')}
          />
          {canManage && (
            <div className="form-actions">
              <button type="submit" className="button" disabled={saving}>
                {saving ? 'Saving…' : 'Save AI settings'}
              </button>
              <button type="button" className="button button-secondary" onClick={test} disabled={testing || saving}>
                {testing ? 'Testing…' : 'Test connection'}
              </button>
              <span className="field-hint">The test uses the saved settings.</span>
            </div>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
