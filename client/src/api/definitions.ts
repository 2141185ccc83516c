import type { DefinitionList } from '@shared/contract';
import { request } from './http';

/** `GET /api/definitions`: every process the caller may read, with its titles and task states. */
export const listDefinitions = (signal?: AbortSignal) =>
  request<DefinitionList>('GET', '/definitions', undefined, signal).then((answer) => answer.items);
