// Usage rows summed per operation, with the operations' names.
import type { CreditUsageRowPartsFragment } from '../../gql/graphql';

export interface OperationTotal {
  operation: string;
  label: string;
  credits: number;
  calls: number;
}

/** Operation key → display name; an operation no longer priced keeps its key. */
export const operationLabels = (costs: readonly { operation: string; displayName: string }[]) => {
  const names = new Map(costs.map((cost) => [cost.operation, cost.displayName]));
  return (operation: string) => names.get(operation) ?? operation;
};

/** One total per operation, the largest first. */
export function totalsByOperation(
  rows: readonly CreditUsageRowPartsFragment[],
  labelOf: (operation: string) => string,
): OperationTotal[] {
  const totals = new Map<string, OperationTotal>();
  for (const row of rows) {
    const total = totals.get(row.operation) ?? {
      operation: row.operation,
      label: labelOf(row.operation),
      credits: 0,
      calls: 0,
    };
    total.credits += row.credits;
    total.calls += row.calls;
    totals.set(row.operation, total);
  }
  return [...totals.values()].sort((a, b) => b.credits - a.credits || a.label.localeCompare(b.label));
}
