import type { EffectActionType } from './builtins';
import type { TaskSpec } from './definition';

/**
 * What a step asks the runtime to do, in order. The engine computes them; the runtime writes
 * them in the step's transaction.
 */
export type Effect =
  | { kind: 'openTask'; state: string; task: TaskSpec; dueAt: Date | null }
  | { kind: 'closeTask'; state: string }
  | { kind: 'scheduleTimer'; key: string; eventType: string; fireAt: Date }
  | { kind: 'cancelTimer'; key: string }
  | { kind: 'action'; type: EffectActionType; params: Record<string, unknown> };
