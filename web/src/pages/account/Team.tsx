import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useViewer } from '../../app/viewer';
import {
  InviteMemberDocument,
  type MailDelivery,
  RemoveMemberDocument,
  type TeamMemberFragment,
  TeamMembersDocument,
  type TeamRole,
  UpdateMemberRoleDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CopyField } from '../../ui/CopyButton';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field, SelectField } from '../../ui/Field';
import { formatDate, humanize } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';

const TEAM_ROLES: { role: TeamRole; description: string }[] = [
  { role: 'OWNER', description: 'Everything, including billing and owners' },
  { role: 'ADMIN', description: 'Team, sites, API keys and settings' },
  { role: 'EDITOR', description: 'Creates and edits content' },
  { role: 'VIEWER', description: 'Reads only' },
];
const INVITE_FIELDS = ['email', 'role'] as const;

const isTeamRole = (role: string): role is TeamRole => TEAM_ROLES.some((r) => r.role === role);

/** What became of the invitation's mail, and so whether the inviter must pass the link on. */
const INVITE_MAIL_NOTE: Record<MailDelivery, string> = {
  SENT: 'We e-mailed them this link; you can also share it yourself.',
  OUTBOX: 'No mail server is set up, so nothing was e-mailed: share this link with them.',
  FAILED: 'The invitation e-mail could not be sent: share this link with them yourself.',
};

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [invite, { loading }] = useMutation(InviteMemberDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(INVITE_FIELDS);
  const [invited, setInvited] = useState<{ email: string; url: string; mail: MailDelivery } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setInvited(null);
    const form = event.currentTarget;
    const { email = '', role = 'EDITOR' } = formValues(form);
    try {
      const { data } = await invite({ variables: { input: { email, role: isTeamRole(role) ? role : 'EDITOR' } } });
      if (!data) return;
      const { member, inviteUrl, mailDelivery } = data.inviteMember;
      setInvited({ email: member.email, url: inviteUrl, mail: mailDelivery });
      form.reset();
      onInvited();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title="Invite a teammate" description="They get a link to choose a password and join this account.">
      {invited && (
        <Banner tone={invited.mail === 'FAILED' ? 'warning' : 'success'} title={`${invited.email} is invited`}>
          <p>{INVITE_MAIL_NOTE[invited.mail]} It signs them in once they choose a password.</p>
          <CopyField label="Invite link" name="inviteUrl" value={invited.url} />
        </Banner>
      )}
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form form-inline" noValidate>
        <Field label="E-mail" name="email" type="email" required errors={errorsFor('email')} />
        <SelectField label="Role" name="role" defaultValue="EDITOR" errors={errorsFor('role')}>
          {TEAM_ROLES.map(({ role, description }) => (
            <option key={role} value={role}>
              {humanize(role)} — {description}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Inviting…' : 'Send invite'}
        </button>
      </form>
    </Card>
  );
}

function MemberRow({
  member,
  isSelf,
  canManage,
  onError,
}: {
  member: TeamMemberFragment;
  isSelf: boolean;
  canManage: boolean;
  onError: (message: string | null) => void;
}) {
  const [updateRole, { loading: changing }] = useMutation(UpdateMemberRoleDocument);
  // Read again, not just dropped from the cache: the seat count and the pages change too.
  const [removeMember] = useMutation(RemoveMemberDocument, {
    refetchQueries: [TeamMembersDocument],
    awaitRefetchQueries: true,
  });

  const changeRole = async (role: string) => {
    if (!isTeamRole(role)) return;
    onError(null);
    try {
      await updateRole({ variables: { input: { userId: member.id, role } } });
    } catch (error) {
      onError(describeError(error, []).message);
    }
  };

  const remove = async () => {
    onError(null);
    try {
      await removeMember({ variables: { input: { userId: member.id } } });
    } catch (error) {
      onError(describeError(error, []).message);
    }
  };

  const editable = canManage && !isSelf && isTeamRole(member.role);
  return (
    <tr data-testid="member-row">
      <td>
        <div className="cell-title">
          {member.name || member.email}
          {isSelf && <span className="muted"> (you)</span>}
        </div>
        <div className="muted">{member.email}</div>
      </td>
      <td>
        {editable ? (
          <label>
            <span className="visually-hidden">Role of {member.email}</span>
            <select
              name="memberRole"
              value={member.role}
              disabled={changing}
              onChange={(event) => void changeRole(event.currentTarget.value)}
            >
              {TEAM_ROLES.map(({ role }) => (
                <option key={role} value={role}>
                  {humanize(role)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          humanize(member.role)
        )}
      </td>
      <td>
        <Badge tone={member.status === 'ACTIVE' ? 'success' : member.status === 'INVITED' ? 'warning' : 'neutral'}>
          {humanize(member.status)}
        </Badge>
      </td>
      <td className="muted">
        {member.status === 'INVITED'
          ? `Invited ${formatDate(member.invitedAt)}`
          : `Last sign-in ${formatDate(member.lastLoginAt, 'never')}`}
      </td>
      <td className="cell-actions">
        {canManage && !isSelf && (
          <ConfirmButton
            title="Remove member"
            message={
              <p>
                Remove <strong>{member.email}</strong> from the account? The API keys they created are revoked too.
              </p>
            }
            confirmLabel="Remove"
            aria-label={`Remove ${member.email}`}
            onConfirm={remove}
          >
            Remove
          </ConfirmButton>
        )}
      </td>
    </tr>
  );
}

const MEMBER_COLUMNS: readonly Column[] = [
  { label: 'Member' },
  { label: 'Role' },
  { label: 'Status' },
  { label: 'Activity' },
  { label: 'Actions', hiddenLabel: true },
];

export function TeamPage() {
  const { me, canManage } = useViewer();
  const pages = useCursorPages('');
  const { data, error, loading, refetch } = useQuery(TeamMembersDocument, {
    variables: { first: pages.first, after: pages.after },
  });
  const [rowError, setRowError] = useState<string | null>(null);

  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const { account } = data;
  const members = data.members.edges.map((edge) => edge.node);

  return (
    <div className="page">
      <PageHeader
        title="Team"
        description={`${data.members.totalCount} of ${account.plan.maxUsers} seats used on the ${account.plan.name} plan.`}
      />
      {canManage ? (
        <InviteForm onInvited={() => void refetch()} />
      ) : (
        <Banner tone="info">Only owners and admins can invite, change or remove members.</Banner>
      )}
      {rowError && <Banner tone="error">{rowError}</Banner>}
      <Card title="Members">
        <DataTable label="Members" columns={MEMBER_COLUMNS} rowIds={members.map((member) => member.id)}>
          {members.map((member) => (
            <MemberRow
              key={member.id}
              member={member}
              isSelf={member.id === me.id}
              canManage={canManage}
              onError={setRowError}
            />
          ))}
        </DataTable>
        <Pager
          pages={pages}
          shown={members.length}
          totalCount={data.members.totalCount}
          pageInfo={data.members.pageInfo}
          noun="members"
        />
      </Card>
    </div>
  );
}
