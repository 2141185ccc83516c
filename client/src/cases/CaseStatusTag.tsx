import type { InstanceSummary } from '@shared/contract';
import { Tag } from 'antd';
import { useDefinitions } from '../api/useDefinitions';
import { useT } from '../i18n';
import { casesText } from '../i18n/cases';
import { REFUSED_COLOUR, STATUS_COLOUR } from './caseStatus';

/**
 * A case's status as a tag. A finished case says how it ended where its process names the end
 * (已识别建档, or 不予纳入 in red), else that it is done.
 */
export function CaseStatusTag({ item }: { item: Pick<InstanceSummary, 'status' | 'state' | 'definitionKey'> }) {
  const t = useT(casesText);
  const processes = useDefinitions();
  const end = item.status === 'completed' ? processes.endOf(item.state, item.definitionKey) : undefined;
  if (end) return <Tag color={end.refused ? REFUSED_COLOUR : STATUS_COLOUR.completed} data-testid="case-end">{end.title}</Tag>;
  return <Tag color={STATUS_COLOUR[item.status]}>{t(item.status)}</Tag>;
}
