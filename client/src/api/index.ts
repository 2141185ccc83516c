/**
 * The typed client of the Jingzhun Flow HTTP API (DESIGN.md, "HTTP API"). The API's own types come
 * from `@shared/contract`; this module adds only the client's views of tasks (normalize.ts).
 */
export { ApiError, type FieldErrors } from './ApiError';
export { onUnauthorized, setRequestLanguage } from './http';
export * from './session';
export * from './tasks';
export * from './instances';
export * from './notices';
export * from './households';
export { uploadFile } from './upload';
export { postFileForDownload } from './downloads';
export type { InboxPageView, InstanceView, OpenedTaskView, OutcomeView, StepSummaryView, TaskView } from './normalize';
export * from './messages';
