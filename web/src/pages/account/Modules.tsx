import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useViewer } from '../../app/viewer';
import { AccountModulesDocument, type Module, SetModuleEnabledDocument } from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';

const MODULES: { module: Module; name: string; description: string }[] = [
  { module: 'PLANNER', name: 'Planner', description: 'Keyword research, clustering and content ideas.' },
  { module: 'WRITER', name: 'Writer', description: 'Tasks, AI-written content, images and review.' },
  { module: 'LINKER', name: 'Linker', description: 'Internal link suggestions between your articles.' },
  { module: 'OPTIMIZER', name: 'Optimizer', description: 'Content scoring and AI rewrites for search.' },
  { module: 'THINKER', name: 'Thinker', description: 'Prompts, author profiles and content strategies.' },
  {
    module: 'AUTOMATION',
    name: 'Automation',
    description: 'The unattended pipeline from keywords to published posts.',
  },
];

export function ModulesPage() {
  const { canManage } = useViewer();
  const { data, error, loading } = useQuery(AccountModulesDocument);
  const [setModuleEnabled] = useMutation(SetModuleEnabledDocument);
  const [pending, setPending] = useState<Module | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const enabled = new Set(data.account.enabledModules);

  const toggle = async (module: Module, on: boolean) => {
    setFailure(null);
    setPending(module);
    try {
      await setModuleEnabled({ variables: { input: { module, enabled: on } } });
    } catch (caught) {
      setFailure(describeError(caught, []).message);
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="page page-narrow">
      <PageHeader
        title="Modules"
        description="Switch parts of IGNY8 on or off for everyone in the account. A disabled module's pages and operations are unavailable."
      />
      {!canManage && <Banner tone="info">Only owners and admins can switch modules.</Banner>}
      {failure && <Banner tone="error">{failure}</Banner>}
      <Card>
        <ul className="module-list">
          {MODULES.map(({ module, name, description }) => (
            <li key={module} className="module-row">
              <div>
                <p className="module-name">{name}</p>
                <p className="muted">{description}</p>
              </div>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  name={module.toLowerCase()}
                  checked={enabled.has(module)}
                  aria-checked={enabled.has(module)}
                  disabled={!canManage || pending !== null}
                  onChange={(event) => void toggle(module, event.currentTarget.checked)}
                />
                <span className="switch-track" aria-hidden="true" />
                <span className="visually-hidden">{name} enabled</span>
              </label>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
