import { useEffect, useMemo, useState } from 'react';
import { Card, Empty, Typography } from 'antd';
import { getProgressReport, type ProgressReport } from '../api';
import { useT } from '../i18n';
import { dashboardText } from '../i18n/dashboard';
import { ErrorState } from '../layout/ErrorState';
import { EChart } from './EChart';
import { countyOption, taskLoadOption, townOption } from './progressOptions';
import './dashboard.css';
import { PageLoading } from '../layout/PageLoading';

/** `/dashboard`: exits against the 30% / 70% / 100% targets by town and year, and the task load per town. */
export default function DashboardPage() {
  const t = useT(dashboardText);
  const [report, setReport] = useState<ProgressReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    getProgressReport(controller.signal)
      .then(setReport)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, []);

  const options = useMemo(
    () => (report ? { county: countyOption(report, t), towns: townOption(report, t), tasks: taskLoadOption(report, t) } : null),
    [report, t],
  );

  if (error) return <ErrorState error={error} />;
  if (!report || !options) return <PageLoading />;
  if (!report.towns.length) return <Empty description={t('empty')} />;

  return (
    <section className="jz-dashboard">
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <div className="jz-dashboard-grid">
        <Card size="small" title={t('countyProgress')}>
          <EChart option={options.county} height={300} label={t('countyProgress')} />
        </Card>
        <Card size="small" title={t('taskLoad')}>
          <EChart option={options.tasks} height={300} label={t('taskLoad')} />
        </Card>
        <Card size="small" title={t('townProgress')} className="jz-dashboard-wide">
          <EChart option={options.towns} height={380} label={t('townProgress')} />
        </Card>
      </div>
    </section>
  );
}
