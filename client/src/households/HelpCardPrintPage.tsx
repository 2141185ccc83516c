import { useParams } from 'react-router-dom';
import { useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { ErrorState } from '../layout/ErrorState';
import { PageLoading } from '../layout/PageLoading';
import { useHousehold } from './useHousehold';
import './help-card-print.css';

const tick = (v?: boolean) => (v ? '✔' : '');

/** `/households/:id/card`: the household's 帮扶记录卡 laid out as the paper card, on A4 landscape, for printing and signing. */
export default function HelpCardPrintPage() {
  const { id = '' } = useParams();
  const t = useT(householdsText);
  const { household, error } = useHousehold(id);

  if (error) return <ErrorState error={error} />;
  if (!household) return <PageLoading />;
  const helper = household.helpers?.find((h) => h.endedAt === null);
  return (
    <article className="jz-help-card-print">
      <h1>{t('cardTitle', { county: '五华县' })}</h1>
      {/* On a phone the card's columns scroll inside their box; on paper it is the whole A4 width. */}
      <div className="jz-help-card-scroll" role="region" aria-label={t('cardTitle', { county: '五华县' })} tabIndex={0}>
      <table className="jz-help-card-head">
        <tbody>
          <tr>
            <th>{t('household')}</th><td>{household.headName}</td>
            <th>{t('idNumber')}</th><td className="jz-mono">{household.headIdNumber}</td>
            <th>{t('address')}</th><td>{[household.townName, household.villageName].filter(Boolean).join(' ')}</td>
          </tr>
          <tr>
            <th>{t('category')}</th><td>{household.category}</td>
            <th>{t('helper')}</th><td>{helper ? `${helper.helperName}（${helper.helperUnit}）` : '—'}</td>
            <th>{t('helpKind')}</th><td>{helper?.helpKind ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <table className="jz-help-card-rows" data-testid="help-card-rows">
        <thead>
          <tr>
            <th>{t('helpDate')}</th><th>{t('entryKind')}</th><th>{t('measure')}</th><th>{t('content')}</th><th>{t('result')}</th><th>{t('value')}</th>
            <th>{t('helper')}</th><th>贫困户确认</th><th>村两委确认</th><th>工作队长确认</th>
          </tr>
        </thead>
        <tbody>
          {(household.helpRecords ?? []).map((r, i) => (
            <tr key={r.id ?? i}>
              <td>{r.date}</td><td>{r.entryKind ?? ''}</td><td>{r.measureType}</td><td>{r.content}</td><td>{r.result ?? ''}</td>
              <td>{typeof r.value === 'number' ? r.value.toLocaleString('zh-CN') : ''}</td><td>{r.helperName}</td>
              <td>{tick(r.confirmedByHousehold)}</td><td>{tick(r.confirmedByVillageHead)}</td><td>{tick(r.confirmedByTeamLeader)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </article>
  );
}
