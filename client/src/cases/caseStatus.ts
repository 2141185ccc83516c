import type { InstanceSummary } from '@shared/contract';

/** The tag colour of a case's status: Ant Design's preset colours, whose text meets AA contrast on their tint (the `processing`/`success` status colours do not). */
export const STATUS_COLOUR: Record<InstanceSummary['status'], string> = { running: 'blue', completed: 'green', terminated: 'default' };
/** The tag colour of a case refused where it ended (不予纳入). */
export const REFUSED_COLOUR = 'red';
