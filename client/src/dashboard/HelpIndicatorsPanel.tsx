import { useEffect, useState } from 'react';
import { Card, Empty, Select } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { helpIndicatorsText } from '../i18n/helpIndicators';
import { ErrorState } from '../layout/ErrorState';
import { getHelpIndicators, getVillageExits, INDICATOR_KEYS } from './helpReports';
import type { HelpIndicatorReport, HelpIndicatorSet, IndicatorFigure, VillageExitReport } from './helpReports';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

function Verdict({ figure }: { figure: IndicatorFigure }) {
  const t = useT(helpIndicatorsText);
  if (figure.of === 0 && figure.share === null) return <span className="jz-verdict">{t('noData')}</span>;
  if (figure.met === null) return <span className="jz-verdict">{t('noTarget')}</span>;
  return figure.met ? <span className="jz-verdict jz-verdict-met">{t('met')}</span> : <span className="jz-verdict jz-verdict-missed">{t('notMet')}</span>;
}

/** One unit's indicators as a list (never a table: it must read on a phone). */
function IndicatorList({ set, testId }: { set: HelpIndicatorSet; testId: string }) {
  const t = useT(helpIndicatorsText);
  return (
    <ul className="jz-indicators" data-testid={testId}>
      {INDICATOR_KEYS.map((key) => {
        const figure = set[key];
        return (
          <li key={key} data-indicator={key}>
            <span className="jz-indicator-label">{t(key)}</span>
            <span className="jz-indicator-figure" data-share={figure.share ?? ''}>
              {t('figure', { count: figure.count, of: figure.of, share: percent(figure.share) })}
              {figure.target !== null && <>（{t('targetOf', { target: percent(figure.target) })}）</>}
            </span>
            <Verdict figure={figure} />
          </li>
        );
      })}
    </ul>
  );
}

/** The plan's §三 indicators by town and village for a chosen year, and villages left by year against the plan. */
export function HelpIndicatorsPanel({ initialYear, years }: { initialYear: number; years: number[] }) {
  const t = useT(helpIndicatorsText);
  const [year, setYear] = useState(initialYear);
  const [report, setReport] = useState<HelpIndicatorReport | null>(null);
  const [exits, setExits] = useState<VillageExitReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getHelpIndicators(year, controller.signal), getVillageExits(controller.signal)])
      .then(([indicators, villages]) => {
        setReport(indicators);
        setExits(villages);
        setError(null);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [year]);

  const yearOptions = [...new Set([...years, initialYear])].sort((a, b) => a - b).map((y) => ({ value: y, label: t('yearOption', { year: y }) }));
  return (
    <>
      <Card
        size="small"
        className="jz-dashboard-wide"
        title={t('title')}
        extra={<Select aria-label={t('year')} value={year} options={yearOptions} onChange={setYear} style={{ minWidth: 110 }} data-testid="indicator-year" />}
      >
        {error ? <ErrorState error={error} /> : !report ? null : !report.total || report.total.households === 0 ? <Empty description={t('empty')} /> : (
          <div data-testid="help-indicators" data-year={report.year}>
            <h2 className="jz-indicator-unit">{t('total', { households: report.total.households })}</h2>
            <IndicatorList set={report.total} testId="indicators-total" />
            {report.towns.map((town) => (
              <section key={town.orgUnitId} data-town={town.name}>
                <h2 className="jz-indicator-unit">{t('town', { name: town.name, households: town.indicators.households })}</h2>
                <IndicatorList set={town.indicators} testId={`indicators-town-${town.orgUnitId}`} />
                <details className="jz-indicator-villages">
                  <summary>{t('villages', { name: town.name })}</summary>
                  {report.villages.filter((v) => v.townName === town.name).map((village) => (
                    <div key={village.orgUnitId}>
                      <h3 className="jz-indicator-unit">{t('village', { name: village.name, households: village.indicators.households })}</h3>
                      <IndicatorList set={village.indicators} testId={`indicators-village-${village.orgUnitId}`} />
                    </div>
                  ))}
                </details>
              </section>
            ))}
          </div>
        )}
      </Card>
      <Card
        size="small"
        className="jz-dashboard-wide"
        title={t('villageExits')}
        extra={<span className="jz-card-links"><Link to="/villages">{t('villageRegister')}</Link> · <Link to="/funds">{t('fundReport')}</Link></span>}
      >
        {exits && (
          <div data-testid="village-exits">
            <p>{t('designated', { n: exits.designated })}</p>
            <ul className="jz-indicators">
              {exits.years.map((row) => (
                <li key={row.year} data-exit-year={row.year} data-cumulative={row.cumulative}>
                  <span className="jz-indicator-label">{t('exitYear', { year: row.year, exited: row.exited, cumulative: row.cumulative })}</span>
                  <span className="jz-indicator-figure">{row.target === null ? t('noTarget') : t('exitTarget', { target: row.target })}</span>
                  {row.target !== null && (row.cumulative >= row.target ? <span className="jz-verdict jz-verdict-met">{t('met')}</span> : <span className="jz-verdict jz-verdict-missed">{t('notMet')}</span>)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>
    </>
  );
}
