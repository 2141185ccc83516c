/**
 * The kernel: what every layer shares and nothing else. It imports nothing of the project, so
 * any folder may import it without creating a cycle.
 */
export { addMonthsInChina, chinaDateString, chinaYear, CST_OFFSET_MS, DAY_MS, HOUR_MS, startOfChinaYear } from './china-time';
export { advanceTime, createManualClock, createOffsetClock, systemClock } from './clock';
export type { AdjustableClock, ManualClock, OffsetClock } from './clock';
export { parseDelay } from './duration';
export type { DelaySpec } from './duration';
export {
  ConflictError, ForbiddenError, isDatabaseUnavailable, NotFoundError, OperationalError, ServiceUnavailableError,
  TransitionNotAllowedError, UserError, ValidationError,
} from './errors';
export { isUuid, randomIds } from './ids';
export { createJsonLogger, createLogger, silentLogger } from './logger';
export type { LogFormat, LoggerOptions } from './logger';
export { currentLogContext, withLogContext } from './log-context';
export { noMetrics, PUBLIC_ACTOR, SYSTEM_ACTOR } from './ports';
export type {
  ActionContext, ActionHandler, Actor, FoldedWrite, FoldedWritePart, Clock, FormChecker, IdGenerator, Lifecycle, Logger, QueryClient, QueryResultRows, RuntimeMetrics, StoredForm, TimerQueue, WorkCalendar,
} from './ports';
