import type { InstanceSummary } from '@shared/contract';

/** The tag colour of a case's status (the theme's status colours, at AA contrast on their tints). */
export const STATUS_COLOUR: Record<InstanceSummary['status'], string> = { running: 'processing', completed: 'success', terminated: 'default' };
/** The tag colour of a case refused where it ended (不予纳入). */
export const REFUSED_COLOUR = 'error';
