// One named value in a `.facts` list (<dl>): a plan, a count, a status.
import type { ReactNode } from 'react';

export function Fact({
  label,
  className,
  testId,
  children,
}: {
  label: string;
  className?: string;
  /** On the value, for tests that read it. */
  testId?: string;
  /** The value. */
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
