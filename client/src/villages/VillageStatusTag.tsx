import type { VillageSummary } from '@shared/contract';
import { Tag } from 'antd';
import { useT } from '../i18n';
import { villagesText } from '../i18n/villages';
import { statusOf } from './villagesApi';

const COLOUR = { exited: 'success', poor: 'error', notDesignated: 'default' } as const;

/** 贫困村 / 已出列（year）/ 非贫困村. */
export function VillageStatusTag({ village }: { village: Pick<VillageSummary, 'designated' | 'exitedYear'> }) {
  const t = useT(villagesText);
  const status = statusOf(village);
  return (
    <Tag color={COLOUR[status]} data-status={status}>
      {status === 'exited' ? `${t('exited')}（${t('exitedIn', { year: village.exitedYear ?? '' })}）` : t(status)}
    </Tag>
  );
}
