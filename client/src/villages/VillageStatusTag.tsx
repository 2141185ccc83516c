import type { VillageSummary } from '@shared/contract';
import { Tag } from 'antd';
import { useT } from '../i18n';
import { villagesText } from '../i18n/villages';
import { statusOf } from './villagesApi';

// Palette colours, whose text the theme darkens to AA contrast (the status presets' text stays too light on a card).
const COLOUR = { exited: 'green', poor: 'red', notDesignated: 'default' } as const;

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
