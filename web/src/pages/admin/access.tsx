// The admin pages are the platform operator's (the developer role): others see why they are not.
import type { ReactNode } from 'react';
import { useViewer } from '../../app/viewer';
import { Banner } from '../../ui/Banner';
import { PageHeader } from '../../ui/PageHeader';

export function AdminGate({ children }: { children: ReactNode }) {
  const { me } = useViewer();
  if (me.role === 'DEVELOPER') return children;
  return (
    <div className="page page-narrow">
      <PageHeader title="Admin" />
      <Banner tone="info" title="These pages are for the IGNY8 platform operator.">
        <p>Changes to credits or prices are made by IGNY8 support.</p>
      </Banner>
    </div>
  );
}
