/**
 * The HTTP API's request and response types (DESIGN.md, "HTTP API"), shared by the server and the
 * client (`@shared/contract`). Types only: importing this module loads nothing at run time.
 */
export type * from './common';
export type * from './session';
export type * from './tasks';
export type * from './instances';
export type * from './forms';
export type * from './definitions';
export type * from './lint';
export type * from './registry';
export type * from './admin';
export type * from './attachments';
export type * from './messages';
export type * from './funds';
export type * from './villages';
