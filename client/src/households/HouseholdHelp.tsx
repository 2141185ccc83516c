import type { Household } from '@shared/contract';
import { Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { HelpRecordCard } from './HelpRecordCard';
import { isoDay } from '../i18n/dates';

const MEASURE_KINDS: Record<string, string> = {
  education: '教育', health: '医疗', employment: '就业培训', industry: '产业', socialAssistance: '低保五保兜底', microCredit: '小额信贷', assetIncome: '资产收益',
};

/** The household page's part after registration: its helper and their history, the plan, the measures and the 帮扶记录卡. */
export function HouseholdHelp({ household }: { household: Household }) {
  const t = useT(householdsText);
  const helpers = household.helpers ?? [];
  const current = helpers.find((h) => h.endedAt === null);
  const plan = household.plans?.[0];
  const measures = household.measures ?? [];
  return (
    <>
      <Card size="small" title={t('helperSection')}>
        {current ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            items={[
              { key: 'helper', label: t('helper'), children: `${current.helperName}（${current.helperUnit}）` },
              { key: 'kind', label: t('helpKind'), children: <Tag color="blue">{current.helpKind}</Tag> },
              { key: 'since', label: t('helperSince'), children: isoDay(current.assignedAt) },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHelper')} />
        )}
        {helpers.some((h) => h.endedAt !== null) && (
          <ul className="jz-helper-history" aria-label={t('helperHistory')}>
            {helpers.filter((h) => h.endedAt !== null).map((h) => (
              <li key={h.id}>
                {h.helperName}（{h.helperUnit}）{isoDay(h.assignedAt)} · {t('helperEnded', { date: isoDay(h.endedAt), reason: h.endReason ?? '' })}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card size="small" title={plan ? `${t('plan')}（${plan.year}）` : t('plan')}>
        {plan ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'goal', label: t('planGoal'), children: String(plan.data.goal ?? '') },
              { key: 'measures', label: t('measures'), children: ((plan.data.measures ?? []) as Array<{ measureType: string; content: string }>).map((m) => `${m.measureType}：${m.content}`).join('；') },
              { key: 'author', label: t('planAuthor'), children: `${plan.authorName} · ${isoDay(plan.updatedAt)}` },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noPlan')} />
        )}
      </Card>
      <Card size="small" title={t('measures')}>
        {measures.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={measures}
            columns={[
              { title: t('helpDate'), dataIndex: 'date', width: 110 },
              { title: t('measureKind'), dataIndex: 'kind', render: (kind: string) => MEASURE_KINDS[kind] ?? kind },
              { title: t('memberName'), dataIndex: 'memberName', render: (name: string | null) => name ?? '—' },
              { title: t('measureUnit'), render: (_, m) => `${m.unitName ?? ''} ${m.enteredByName}` },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noMeasures')} />
        )}
      </Card>
      <Card
        size="small"
        title={t('helpCard')}
        extra={
          <Space>
            <Link to={`/households/${household.id}/card`}>{t('printCard')}</Link>
            <Button size="small" href={`/api/households/${encodeURIComponent(household.id)}/help-card.xlsx`}>{t('exportCard')}</Button>
          </Space>
        }
      >
        <HelpRecordCard records={household.helpRecords ?? []} />
      </Card>
    </>
  );
}
