import type { VillageYear } from '@shared/contract';
import { useT } from '../i18n';
import { villagesText } from '../i18n/villages';
import { FACILITIES } from './villagesApi';

const share = (poor: number, all: number) => (all > 0 ? `${Math.round((poor / all) * 1000) / 10}%` : '—');

/** A year's indicators of a village as a definition list (reads on a phone): income against the exit line, collective income, people, facilities. */
export function VillageFigures({ year, exitLine }: { year: VillageYear; exitLine: number }) {
  const t = useT(villagesText);
  const met = year.perCapitaIncome >= exitLine;
  return (
    <dl className="jz-village-figures" data-year={year.year}>
      <div>
        <dt>{t('income')}</dt>
        <dd data-field="perCapitaIncome" data-value={year.perCapitaIncome}>
          {t('incomeValue', { n: year.perCapitaIncome.toLocaleString('zh-CN') })}（{t('exitLine', { n: exitLine.toLocaleString('zh-CN') })}，
          <span className={met ? 'jz-verdict-met' : 'jz-verdict-missed'}>{met ? t('met') : t('notMet')}</span>）
        </dd>
      </div>
      <div>
        <dt>{t('collectiveIncome')}</dt>
        <dd data-field="collectiveIncome" data-value={year.collectiveIncome}>{t('incomeValue', { n: year.collectiveIncome.toLocaleString('zh-CN') })}</dd>
      </div>
      <div>
        <dt>{t('population')}</dt>
        <dd>{t('populationValue', { all: year.registeredPopulation, poor: year.poorPopulation, share: share(year.poorPopulation, year.registeredPopulation) })}</dd>
      </div>
      <div>
        <dt>{t('facilities')}</dt>
        <dd className="jz-village-facilities">
          {FACILITIES.map((key) => (
            <span key={key} data-facility={key} data-ok={year[key]} className={year[key] ? 'jz-verdict-met' : 'jz-verdict-missed'}>
              {t(key)}{year[key] ? '✓' : '✗'}
            </span>
          ))}
        </dd>
      </div>
    </dl>
  );
}
