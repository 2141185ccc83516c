import type { VersionStatus } from '@shared/contract';
import { Tag } from 'antd';
import { useT } from '../../i18n';
import { adminText } from '../../i18n/admin';

const COLORS: Record<VersionStatus, string> = { draft: 'gold', published: 'green', retired: 'default' };

export function StatusTag({ status }: { status: VersionStatus }) {
  const t = useT(adminText);
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
