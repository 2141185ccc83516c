/** The typed client of the Jingzhun Flow HTTP API (DESIGN.md, "HTTP API"). */
export { ApiError, type FieldErrors } from './ApiError';
export { onUnauthorized, setRequestLanguage } from './http';
export * from './session';
export * from './tasks';
export * from './instances';
export * from './notices';
export * from './households';
export { uploadFile } from './upload';
export type * from './types';
export type * from './domainTypes';
