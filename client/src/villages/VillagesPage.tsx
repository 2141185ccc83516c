import type { VillageSummary } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Card, Empty, Segmented, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { villagesText } from '../i18n/villages';
import { ErrorState } from '../layout/ErrorState';
import { VillageFigures } from './VillageFigures';
import { VillageStatusTag } from './VillageStatusTag';
import { listVillages, statusOf } from './villagesApi';
import type { VillageStatus } from './villagesApi';
import './villages.css';

/**
 * `/villages`: the village register within the user's scope, one card per village (a phone reads
 * it without sideways scrolling): 贫困村 / 已出列 / 非贫困村 and the latest year's indicators.
 */
export default function VillagesPage() {
  const t = useT(villagesText);
  const [villages, setVillages] = useState<VillageSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<'all' | VillageStatus>('all');
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listVillages(controller.signal)
      .then((answer) => {
        setError(null);
        setVillages(answer.items);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [generation]);

  const shown = (villages ?? []).filter((v) => filter === 'all' || statusOf(v) === filter);
  const designated = (villages ?? []).filter((v) => v.designated).length;
  const exited = (villages ?? []).filter((v) => v.exitedYear !== null).length;
  return (
    <section className="jz-villages">
      <div className="jz-page-title">
        <Typography.Title level={1}>{t('title')}</Typography.Title>
      </div>
      <p className="jz-muted">{t('intro')}</p>
      {error ? <ErrorState error={error} onRetry={() => setGeneration((n) => n + 1)} /> : !villages ? <Spin /> : (
        <>
          <p data-testid="villages-summary" data-total={villages.length} data-designated={designated} data-exited={exited}>
            {t('summary', { n: villages.length, designated, exited })}
          </p>
          <Segmented
            aria-label={t('filter')}
            value={filter}
            onChange={(value) => setFilter(value as 'all' | VillageStatus)}
            options={(['all', 'poor', 'exited', 'notDesignated'] as const).map((key) => ({ value: key, label: t(key) }))}
          />
          {shown.length === 0 ? <Empty description={t('empty')} /> : (
            <ul className="jz-village-grid" data-testid="village-list">
              {shown.map((village) => (
                <li key={village.id}>
                  <Card
                    size="small"
                    data-testid={`village-${village.id}`}
                    title={<Link to={`/villages/${village.id}`}>{village.townName} {village.name}</Link>}
                    extra={<VillageStatusTag village={village} />}
                  >
                    {village.latest ? (
                      <>
                        <div className="jz-muted">{t('latestYear', { year: village.latest.year })}</div>
                        <VillageFigures year={village.latest} exitLine={village.exitLine} />
                      </>
                    ) : <span className="jz-muted">{t('noIndicators')}</span>}
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
