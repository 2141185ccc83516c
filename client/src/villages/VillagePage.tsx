import type { InstanceSummary, Page, VillageDetail } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Spin, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { startInstance } from '../api/instances';
import { useLocalize, useT } from '../i18n';
import { villagesText } from '../i18n/villages';
import { ErrorState } from '../layout/ErrorState';
import { VillageFigures } from './VillageFigures';
import { VillageStatusTag } from './VillageStatusTag';
import { getVillage, listVillageCases } from './villagesApi';
import './villages.css';
import { CaseStatusTag } from '../cases/CaseStatusTag';
import { isoDay } from '../i18n/dates';


/**
 * `/villages/:id`: one village of the register: its indicators by year against the exit line, what
 * keeps it from the line, its cases, and for its own clerk the button that starts `village-exit`
 * (the proposal task then opens for the clerk).
 */
export default function VillagePage() {
  const { id = '' } = useParams();
  const t = useT(villagesText);
  const localize = useLocalize();
  const navigate = useNavigate();
  const [village, setVillage] = useState<VillageDetail | null>(null);
  const [cases, setCases] = useState<Page<InstanceSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getVillage(id, controller.signal), listVillageCases(id, controller.signal)])
      .then(([detail, list]) => {
        setError(null);
        setVillage(detail);
        setCases(list);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [id]);

  const startExit = () => {
    setStarting(true);
    setStartError(null);
    startInstance('village-exit')
      .then((started) => {
        const task = started.openedTasks[0];
        void navigate(task ? `/tasks/${task.id}` : `/cases/${started.id}`);
      })
      .catch((cause: unknown) => {
        setStartError(cause);
        setStarting(false);
      });
  };

  if (error) return <ErrorState error={error} />;
  if (!village) return <Spin />;
  const years = [...village.years].reverse();
  return (
    <section className="jz-villages" data-testid="village-page" data-village={village.id}>
      <p>
        <Link to="/villages">← {t('back')}</Link>
      </p>
      <div className="jz-page-title">
        <Typography.Title level={1}>
          {village.townName} {village.name}
        </Typography.Title>
        <VillageStatusTag village={village} />
      </div>
      {village.exitedYear === null && village.designated && (
        <Card size="small" className="jz-village-exit" data-testid="village-exit">
          {village.exitShortfalls.length === 0 ? (
            <p>{t('meetsLine')}</p>
          ) : (
            <>
              <strong>{t('shortfalls')}</strong>
              <ul className="jz-village-shortfalls" data-testid="village-shortfalls">
                {village.exitShortfalls.map((s) => <li key={s}>{s}</li>)}
              </ul>
            </>
          )}
          {village.openExitCaseId ? (
            <p>
              {t('exitRunning')}：<Link to={`/cases/${village.openExitCaseId}`}>{t('openCase')}</Link>
            </p>
          ) : village.canStartExit && (
            <>
              <p className="jz-muted">{t('startExitHint')}</p>
              <Button type="primary" onClick={startExit} loading={starting} data-testid="start-village-exit">
                {starting ? t('starting') : t('startExit')}
              </Button>
            </>
          )}
          {startError !== null && <ErrorState error={startError} />}
        </Card>
      )}
      <Typography.Title level={2}>{t('years')}</Typography.Title>
      {years.length === 0 ? <Empty description={t('noIndicators')} /> : (
        <ul className="jz-village-years" data-testid="village-years">
          {years.map((year) => (
            <li key={year.year}>
              <Card size="small" title={t('latestYear', { year: year.year })}>
                <VillageFigures year={year} exitLine={village.exitLine} />
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Typography.Title level={2}>{t('cases')}</Typography.Title>
      {!cases || cases.items.length === 0 ? <Empty description={t('noCases')} /> : (
        <ul className="jz-village-cases" data-testid="village-cases">
          {cases.items.map((item) => (
            <li key={item.id}>
              <Card
                size="small"
                data-definition={item.definitionKey}
                title={<Link to={`/cases/${item.id}`}>{item.subject?.text ?? item.title ?? item.definitionKey}</Link>}
                extra={<CaseStatusTag item={item} />}
              >
                <div className="jz-mono">{item.receiptNo}</div>
                {item.currentSteps.map((step) => (
                  <div key={`${localize(step.title)}-${step.orgUnitName}`}>{t('waitingAt', { step: localize(step.title), unit: step.orgUnitName ?? '' })}</div>
                ))}
                <div className="jz-muted">{isoDay(item.createdAt)}</div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
