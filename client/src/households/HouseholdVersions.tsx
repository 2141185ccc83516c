import type { HouseholdVersion, VersionMember } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { listHouseholdVersions } from '../api';
import { useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { ErrorState } from '../layout/ErrorState';
import { isoMinute } from '../i18n/dates';

const memberText = (m: VersionMember) => `${m.name}（${m.relation ?? ''} ${m.idNumber}）`;

/** What one version changed: members added and removed, the head, fields with before → after. */
function VersionChanges({ version }: { version: HouseholdVersion }) {
  const t = useT(householdsText);
  const changes = version.changes;
  if (!changes) return <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>;
  const lines = [
    ...changes.membersAdded.map((m) => ({ key: `+${m.idNumber}`, label: t('membersAdded'), text: memberText(m), colour: 'green' })),
    ...changes.membersRemoved.map((m) => ({ key: `-${m.idNumber}`, label: t('membersRemoved'), text: memberText(m), colour: 'red' })),
    ...(changes.head ? [{ key: 'head', label: t('headChanged'), text: `${changes.head.from.name} → ${changes.head.to.name}`, colour: 'blue' }] : []),
    ...changes.fields.map((f) => ({ key: f.label, label: f.label, text: `${f.from} → ${f.to}`, colour: 'default' })),
  ];
  if (lines.length === 0) return <Typography.Text type="secondary">{t('unchanged')}</Typography.Text>;
  return (
    <ul className="jz-version-changes">
      {lines.map((line) => (
        <li key={line.key}>
          <Tag color={line.colour}>{line.label}</Tag>
          <span>{line.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** The registry's versions of one household, newest first: a list that reads on a phone as on a desk. */
export function HouseholdVersions({ householdId }: { householdId: string }) {
  const t = useT(householdsText);
  const [versions, setVersions] = useState<HouseholdVersion[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    listHouseholdVersions(householdId, controller.signal)
      .then((answer) => setVersions(answer.items))
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [householdId]);

  if (error) return <ErrorState error={error} />;
  if (!versions) return null;
  return (
    <ol className="jz-versions" aria-label={t('versions')}>
      {versions.map((v) => (
        <li key={v.version} className="jz-version" data-version={v.version}>
          <div className="jz-version-head">
            <strong>{t('version', { n: v.version })}</strong>
            <Tag>{v.changeType}</Tag>
            <Tag>{v.status}</Tag>
            <span className="jz-version-by">
              {t('versionBy', { who: v.changedBy ?? '—', when: isoMinute(v.changedAt) })}
            </span>
            {v.instanceId && <Link to={`/cases/${v.instanceId}`}>{v.receiptNo ?? v.instanceId.slice(0, 8)}</Link>}
          </div>
          {v.reason && <div className="jz-version-reason">{v.reason}</div>}
          <VersionChanges version={v} />
        </li>
      ))}
    </ol>
  );
}
