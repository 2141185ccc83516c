import type { VersionSummary } from '@shared/contract';
import { Select } from 'antd';
import { useT } from '../../i18n';
import { adminText } from '../../i18n/admin';

/** A version of a definition, with its status beside the number. */
export function VersionSelect({ versions, value, onChange, label, onlyPublished }: { versions: VersionSummary[]; value?: number; onChange: (v: number) => void; label: string; onlyPublished?: boolean }) {
  const t = useT(adminText);
  return (
    <Select
      style={{ minWidth: 180 }}
      value={value}
      placeholder={label}
      aria-label={label}
      onChange={onChange}
      options={[...versions]
        .reverse()
        .filter((v) => !onlyPublished || v.status === 'published')
        .map((v) => ({ value: v.version, label: `v${v.version} · ${t(`status.${v.status}`)}${v.runningInstances ? ` · ${t('runningN', { n: v.runningInstances })}` : ''}` }))}
    />
  );
}
