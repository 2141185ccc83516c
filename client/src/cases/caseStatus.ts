import type { InstanceSummary } from '@shared/contract';

/** The tag colour of a case's status. */
export const STATUS_COLOUR: Record<InstanceSummary['status'], string> = { running: 'processing', completed: 'success', terminated: 'default' };
