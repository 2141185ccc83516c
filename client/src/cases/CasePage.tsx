import { useEffect, useState } from 'react';
import { Card, Descriptions, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { getInstance } from '../api';
import type { InstanceView } from '../api';
import { useLocalize, useT } from '../i18n';
import { casesText } from '../i18n/cases';
import { ErrorState } from '../layout/ErrorState';
import { PageLoading } from '../layout/PageLoading';
import { CaseTimeline } from './CaseTimeline';
import { CaseStatusTag } from './CaseStatusTag';
import './cases.css';
import { isoDay, isoMinute } from '../i18n/dates';

/** `/cases/:id`: whose case it is, its 受理编号 and status, and its timeline. */
export default function CasePage() {
  const { id = '' } = useParams();
  const t = useT(casesText);
  const localize = useLocalize();
  const [instance, setInstance] = useState<InstanceView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    getInstance(id, controller.signal)
      .then(setInstance)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [id]);

  if (error) return <ErrorState error={error} />;
  if (!instance) return <PageLoading />;
  const open = instance.tasks.filter((task) => task.status === 'open' || task.status === 'claimed');

  return (
    <section className="jz-case">
      <Typography.Title level={1}>{instance.subject?.text ?? instance.title ?? t('caseTitle')}</Typography.Title>
      <Card size="small" className="jz-case-summary">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'no', label: t('receiptNo'), children: <span className="jz-mono">{instance.receiptNo}</span> },
            { key: 'status', label: t('status'), children: <CaseStatusTag item={instance} /> },
            {
              key: 'where', label: t('currentStep'),
              children: instance.status === 'running'
                ? open.map((task) => t('waitingAt', { step: localize(task.title), unit: task.orgUnitName ?? '' })).join('；')
                : t('endedOn', { date: isoDay(instance.endedAt ?? instance.updatedAt) }),
            },
            { key: 'started', label: t('startedAt'), children: isoMinute(instance.createdAt) },
          ]}
        />
      </Card>
      <Typography.Title level={2} className="jz-case-timeline-title">{t('timeline')}</Typography.Title>
      <CaseTimeline instance={instance} />
    </section>
  );
}
