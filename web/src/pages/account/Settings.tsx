import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useMemo, useState } from 'react';
import { useViewer } from '../../app/viewer';
import { AccountSettingsDocument, UpdateAccountSettingsDocument } from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { humanize } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { AiSettingsSection } from './AiSettings';

const FIELDS = ['name', 'timezone', 'billingEmail', 'billingAddress', 'taxId'] as const;

const timeZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

export function SettingsPage() {
  const { canManage } = useViewer();
  const { data, error, loading } = useQuery(AccountSettingsDocument);
  const [updateSettings, { loading: saving }] = useMutation(UpdateAccountSettingsDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(timeZones, []);

  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const { account } = data;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setSaved(false);
    const values = formValues(event.currentTarget);
    try {
      await updateSettings({
        variables: {
          input: {
            name: values.name,
            timezone: values.timezone,
            billingEmail: values.billingEmail ?? '',
            billingAddress: values.billingAddress ?? '',
            taxId: values.taxId ?? '',
          },
        },
      });
      setSaved(true);
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <div className="page page-narrow">
      <PageHeader title="Account settings" description="How your account is named, billed and dated." />
      <Card>
        <dl className="facts">
          <Fact label="Plan">{account.plan.name}</Fact>
          <Fact label="Status">
            <Badge tone={account.status === 'ACTIVE' || account.status === 'TRIAL' ? 'success' : 'warning'}>
              {humanize(account.status)}
            </Badge>
          </Fact>
          <Fact label="Account slug">
            <code>{account.slug}</code>
          </Fact>
        </dl>
      </Card>
      <Card title="Details">
        {!canManage && <Banner tone="info">Only owners and admins can change the account settings.</Banner>}
        {saved && <Banner tone="success">Settings saved.</Banner>}
        <FormFailureBanner failure={failure} />
        <form onSubmit={submit} className="form" noValidate>
          <fieldset disabled={!canManage || saving} className="fieldset-plain">
            <Field label="Account name" name="name" defaultValue={account.name} required errors={errorsFor('name')} />
            <Field
              label="Time zone"
              name="timezone"
              defaultValue={account.timezone}
              list="time-zones"
              hint="Schedules and reports use this zone, e.g. Europe/Berlin."
              errors={errorsFor('timezone')}
            />
            <datalist id="time-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <Field
              label="Billing e-mail"
              name="billingEmail"
              type="email"
              defaultValue={account.billingEmail ?? ''}
              hint="Invoices go here. Leave empty to use the owner's e-mail."
              errors={errorsFor('billingEmail')}
            />
            <TextAreaField
              label="Billing address"
              name="billingAddress"
              rows={3}
              defaultValue={account.billingAddress ?? ''}
              errors={errorsFor('billingAddress')}
            />
            <Field label="Tax ID" name="taxId" defaultValue={account.taxId ?? ''} errors={errorsFor('taxId')} />
            {canManage && (
              <FormActions busy={saving} busyLabel="Saving…">
                Save settings
              </FormActions>
            )}
          </fieldset>
        </form>
      </Card>
      <AiSettingsSection />
    </div>
  );
}
