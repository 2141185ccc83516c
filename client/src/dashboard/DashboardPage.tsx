import type { ProgressReport } from '@shared/contract';
import { useEffect, useMemo, useState } from 'react';
import { Card, Empty, Typography } from 'antd';
import { getProgressReport } from '../api';
import { useT } from '../i18n';
import { dashboardText } from '../i18n/dashboard';
import { ErrorState } from '../layout/ErrorState';
import { EChart } from './EChart';
import { countyOption, onTrackCount, taskLoadOption, townOption } from './progressOptions';
import './dashboard.css';
import { PageLoading } from '../layout/PageLoading';
import { HelpIndicatorsPanel } from './HelpIndicatorsPanel';

interface Reports {
  /** The server's current year: its target, towns on track, and the task load now. */
  current: ProgressReport;
  /** One report per configured target year, oldest first. */
  years: ProgressReport[];
}

/** The report answers one year at a time: the current year first, then each target year it lists. */
async function loadReports(signal: AbortSignal): Promise<Reports> {
  const current = await getProgressReport(undefined, signal);
  const years = await Promise.all(
    current.targets.map((target) => (target.year === current.year ? current : getProgressReport(target.year, signal))),
  );
  return { current, years: years.sort((a, b) => a.year - b.year) };
}

/** `/dashboard`: exits against the 30% / 70% / 100% targets by town and year, and the task load per town. */
export default function DashboardPage() {
  const t = useT(dashboardText);
  const [reports, setReports] = useState<Reports | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    loadReports(controller.signal)
      .then(setReports)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, []);

  const options = useMemo(
    () => (reports ? { county: countyOption(reports.years, t), towns: townOption(reports.years, t), tasks: taskLoadOption(reports.current, t) } : null),
    [reports, t],
  );

  if (error) return <ErrorState error={error} />;
  if (!reports || !options) return <PageLoading />;
  if (!reports.current.towns.length) return <Empty description={t('empty')} />;

  const { current } = reports;
  const track = onTrackCount(current);
  // A town reviewer's report holds their town only: the totals are that town's, not the county's.
  const totalsTitle = current.towns.length === 1 ? t('scopeProgress', { name: current.towns[0].name }) : t('countyProgress');
  return (
    <section className="jz-dashboard">
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph data-testid="progress-summary">
        {t('summary', {
          year: current.year,
          share: Math.round(current.targetShare * 100),
          exited: current.totals.exitedPeople,
          poor: current.totals.poorPeople,
          onTrack: track.onTrack,
          towns: track.towns,
          overdue: current.totals.overdueTasks,
        })}
      </Typography.Paragraph>
      <div className="jz-dashboard-grid">
        <Card size="small" title={totalsTitle}>
          <EChart option={options.county} height={300} label={totalsTitle} />
        </Card>
        <Card size="small" title={t('taskLoad')}>
          <EChart option={options.tasks} height={300} label={t('taskLoad')} />
        </Card>
        <Card size="small" title={t('townProgress')} className="jz-dashboard-wide">
          <EChart option={options.towns} height={380} label={t('townProgress')} />
        </Card>
        <HelpIndicatorsPanel initialYear={current.year} years={current.targets.map((target) => target.year)} />
      </div>
    </section>
  );
}
