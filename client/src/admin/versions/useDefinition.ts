import type { DefinitionSummary } from '@shared/contract';
import { listDefinitions } from '../../api/adminDefinitions';
import { useLoad } from '../shared/useLoad';

/** One definition's summary (versions with status and running instances) from the definitions list. */
export function useDefinition(key: string) {
  return useLoad<DefinitionSummary | undefined>(`definition:${key}`, (signal) => listDefinitions(signal).then((items) => items.find((d) => d.key === key)));
}
