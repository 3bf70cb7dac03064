// The AI provider a planner job uses: the account's own (Account → AI settings) or the
// platform's, as the system subgraph says, with the account's prompt and chosen voice.
import { type AccountAi, accountAi } from '@igny8/lib';

export { providerOf } from '@igny8/lib';
export type PlannerAi = AccountAi;
export const plannerAi = accountAi;
