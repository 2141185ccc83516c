import type { NoticeSummary } from '@shared/contract';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { noticesText } from '../i18n/notices';
import { NoticePeriod } from './NoticePeriod';
import { villageNoticeRows } from './villageNoticeRows';

/** One notice on the board: village and 村民小组 (the case's subject), household (ID masked by the server), period. Plain HTML: the board loads no widget library. */
export function NoticeCard({ notice }: { notice: NoticeSummary }) {
  const t = useT(noticesText);
  const project = notice.content.project;
  const yuan = (n: number | null) => (n === null ? '—' : t('yuan', { n: n.toLocaleString('zh-CN') }));
  // A project's 三公开 notice shows the project, its money and who it helps; a household's shows the household.
  const village = notice.content.village;
  const rows: [string, React.ReactNode][] = village ? villageNoticeRows(village, t) : project ? [
    [t('project'), project.name],
    [t('projectLocation'), project.location ?? '—'],
    [t('projectBudget'), yuan(project.budget)],
    [t('fundSources'), project.fundSources.map((f) => `${f.source} ${yuan(f.amount)}`).join('；') || '—'],
    [t('winner'), project.winner ?? '—'],
    [t('contractAmount'), yuan(project.amount)],
    ...(project.paid !== null ? [[t('paidAmount'), yuan(project.paid)] as [string, React.ReactNode]] : []),
    [t('beneficiaries'), `${t('households', { n: project.beneficiaryCount })}${project.beneficiaries.length ? `：${project.beneficiaries.join('、')}` : ''}`],
  ] : [
    [t('householdHead'), notice.content.headName],
    [t('idNumber'), <span className="jz-mono">{notice.content.headIdNumber}</span>],
    ...(notice.content.category ? [[t('category'), notice.content.category] as [string, React.ReactNode]] : []),
  ];
  return (
    <article className="jz-notice-card" data-testid="notice-card">
      <header className="jz-notice-card-head">
        <h2>
          <Link to={`/notices/${notice.id}`}>{notice.title}</Link>
        </h2>
        <span className="jz-notice-card-place">
          {notice.townName} {notice.place ?? notice.villageName}
        </span>
      </header>
      <dl className="jz-notice-card-body">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <NoticePeriod notice={notice} />
    </article>
  );
}
