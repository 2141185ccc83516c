import type { FundReport } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Select, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, toQueryString } from '../api/http';
import { useT } from '../i18n';
import { fundsText } from '../i18n/funds';
import { ErrorState } from '../layout/ErrorState';
import './funds.css';

/** The years the filter offers: the plan's three years and every year the report holds. */
const PLAN_YEARS = [2016, 2017, 2018];

type Row = [string, string, number];

/** Label and amount lines of one card, each amount carrying its figure for checks (`data-field`, `data-value`). */
function Figures({ rows }: { rows: Row[] }) {
  return (
    <dl className="jz-fund-figures">
      {rows.map(([field, label, value]) => (
        <div key={field}>
          <dt>{label}</dt>
          <dd data-field={field} data-value={value}>{value.toLocaleString('zh-CN')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A source (or the whole) that allocated more than it received: said in words, not only by a minus sign. */
function Overspent({ amount, text }: { amount: number; text: string }) {
  return <p className="jz-fund-overspent" role="note" data-testid="fund-overspent" data-value={amount}>{text}</p>;
}

/**
 * `/funds`: the fund report the API gives (by source and year, by town, by project) for a chosen
 * year or all years, with the totals and the check that they add up, and the same report as Excel.
 * Cards, not tables, so a phone reads it without sideways scrolling.
 */
export default function FundReportPage() {
  const t = useT(fundsText);
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const [report, setReport] = useState<FundReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.get<FundReport>(`/reports/funds${toQueryString({ year })}`, controller.signal)
      .then((answer) => {
        setError(null);
        setReport(answer);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [year]);

  const years = [...new Set([...PLAN_YEARS, ...(report?.sources.map((s) => s.year) ?? []), ...(year ? [year] : [])])].sort((a, b) => a - b);
  const n = (v: number) => v.toLocaleString('zh-CN');
  return (
    <section className="jz-funds">
      <div className="jz-page-title">
        <Typography.Title level={1}>{t('title')}</Typography.Title>
      </div>
      <p className="jz-muted">{t('intro')}</p>
      <div className="jz-fund-tools">
        <Select
          aria-label={t('year')}
          data-testid="fund-year"
          value={year ?? 0}
          style={{ minWidth: 120 }}
          onChange={(value: number) => setParams(value ? { year: String(value) } : {}, { replace: true })}
          options={[{ value: 0, label: t('allYears') }, ...years.map((y) => ({ value: y, label: t('yearOption', { year: y }) }))]}
        />
        <Button href={`/api/reports/funds.xlsx${toQueryString({ year })}`} download data-testid="fund-download">{t('download')}</Button>
      </div>
      {error ? <ErrorState error={error} /> : !report ? <Spin /> : (
        <div data-testid="fund-report" data-year={report.year ?? 'all'}>
          <p>{t('standard', { persons: report.standard.persons, perPerson: n(report.standard.perPerson), amount: n(report.standard.amount) })}</p>
          <Card size="small" title={t('totals')} data-testid="fund-totals">
            <Figures rows={[['received', t('received'), report.totals.received], ['allocated', t('allocated'), report.totals.allocated],
              ['disbursed', t('disbursed'), report.totals.disbursed], ['balance', t('balance'), report.totals.balance]]} />
            <p className="jz-muted">{t('addsUp', { received: n(report.totals.received), allocated: n(report.totals.allocated), balance: n(report.totals.balance) })}</p>
            {report.totals.balance < 0 && <Overspent amount={-report.totals.balance} text={t('overspent', { n: n(-report.totals.balance) })} />}
          </Card>
          <Typography.Title level={2}>{t('sources')}</Typography.Title>
          {report.sources.length === 0 ? <Empty description={t('noSources')} /> : (
            <ul className="jz-fund-grid" data-testid="fund-sources">
              {report.sources.map((s) => (
                <li key={`${s.year}-${s.source}`} data-source={s.source} data-year={s.year}>
                  <Card size="small" title={`${s.year} · ${s.source}`}>
                    <Figures rows={[['received', t('received'), s.received], ['allocated', t('allocated'), s.allocated], ['toProjects', t('toProjects'), s.toProjects],
                      ['interestSubsidies', t('interestSubsidies'), s.interestSubsidies], ['disbursed', t('disbursed'), s.disbursed], ['balance', t('balance'), s.balance]]} />
                    {s.balance < 0 && <Overspent amount={-s.balance} text={t('overspent', { n: n(-s.balance) })} />}
                  </Card>
                </li>
              ))}
            </ul>
          )}
          <Typography.Title level={2}>{t('towns')}</Typography.Title>
          <ul className="jz-fund-grid" data-testid="fund-towns">
            {report.towns.map((town) => (
              <li key={town.townId} data-town={town.townName}>
                <Card size="small" title={town.townName}>
                  <Figures rows={[['projects', t('projectCount'), town.projects], ['allocated', t('allocated'), town.allocated],
                    ['interestSubsidies', t('interestSubsidies'), town.interestSubsidies], ['disbursed', t('disbursed'), town.disbursed]]} />
                </Card>
              </li>
            ))}
          </ul>
          <Typography.Title level={2}>{t('projects')}</Typography.Title>
          {report.projects.length === 0 ? <Empty description={t('empty')} /> : (
            <ul className="jz-fund-grid" data-testid="fund-projects">
              {report.projects.map((p) => (
                <li key={p.projectId} data-project={p.projectId}>
                  <Card size="small" title={p.name} extra={p.status}>
                    <div className="jz-muted">{[p.townName, p.villageName].filter(Boolean).join(' ')}</div>
                    <Figures rows={[['approvedBudget', t('approvedBudget'), p.approvedBudget], ['allocated', t('allocated'), p.allocated],
                      ...(p.contractAmount === null ? [] : [['contractAmount', t('contractAmount'), p.contractAmount] as Row]), ['paid', t('paid'), p.paid], ['unpaid', t('unpaid'), p.unpaid]]} />
                    <div>{t('fundSources')}：{p.sources.map((s) => `${s.source} ${t('yuan', { n: n(s.amount) })}`).join('；') || '—'}</div>
                    {p.contractor && <div>{t('contractor')}：{p.contractor}</div>}
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
