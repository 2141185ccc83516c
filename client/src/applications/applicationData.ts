import type { FormData } from '../forms';

/** The figures the summary shows, read from the application form's household block. */
export function incomeFigures(data: FormData): { members: number; netIncome?: number; perCapitaIncome?: number } {
  const household = (data.household ?? {}) as { members?: unknown[]; income?: { netIncome?: number; perCapitaIncome?: number } };
  return {
    members: Array.isArray(household.members) ? household.members.length : 0,
    netIncome: household.income?.netIncome,
    perCapitaIncome: household.income?.perCapitaIncome,
  };
}

/** Where a submission that started but did not finish stands, so a retry continues it. */
export interface PendingSubmission {
  instanceId: string;
  taskId: string;
  outcome: string;
}

export interface ApplicationDraft {
  data: FormData;
  pending?: PendingSubmission;
}
