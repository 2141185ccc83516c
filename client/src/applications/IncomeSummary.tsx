import type { FormData } from '../forms';
import { useT } from '../i18n';
import { applicationsText } from '../i18n/applications';
import { incomeFigures } from './applicationData';

const money = (value?: number) =>
  value === undefined ? '—' : value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Household size and income worked out live, visible while the income items are typed. */
export function IncomeSummary({ data }: { data: FormData }) {
  const t = useT(applicationsText);
  const figures = incomeFigures(data);
  const rows: [string, string, string?][] = [
    [t('members'), t('membersUnit', { n: figures.members })],
    [t('netIncome'), money(figures.netIncome), t('perYear')],
    [t('perCapita'), money(figures.perCapitaIncome), t('perYear')],
  ];
  return (
    <div className="jz-income-summary" aria-live="polite">
      <strong className="jz-income-title">{t('summary')}</strong>
      <dl className="jz-income-figures">
        {rows.map(([label, value, unit]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <span className="jz-income-value">{value}</span> {unit && <small>{unit}</small>}
            </dd>
          </div>
        ))}
      </dl>
      <small className="jz-muted jz-income-hint">{t('incomeHint')}</small>
    </div>
  );
}
