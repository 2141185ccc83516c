import { useState } from 'react';
import { Button, Card, Descriptions, Tag, Typography, message } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, startInstance } from '../api';
import { useDefinitions } from '../api/useDefinitions';
import { labelOr, labelText, useLocale, useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { ErrorState } from '../layout/ErrorState';
import { HouseholdHelp } from './HouseholdHelp';
import { enumLabel, statusTag } from './householdOptions';
import { HouseholdVersions } from './HouseholdVersions';
import { MembersTable } from './MembersTable';
import { RecordDetails } from './RecordDetails';
import { useHousehold } from './useHousehold';
import './households.css';
import { PageLoading } from '../layout/PageLoading';
import { useSession } from '../session/useSession';
import { isoDay } from '../i18n/dates';

/** Roles that apply for a change of their village's households (workflows/household-change.json). */
const CHANGE_ROLES = ['village_clerk', 'village_work_team'];

/** `/households/:id`: one registered household with members, income, help card and its cases. */
export default function HouseholdPage() {
  const { id = '' } = useParams();
  const t = useT(householdsText);
  const tl = useT(labelText);
  const { locale } = useLocale();
  const processes = useDefinitions();
  const { household, error } = useHousehold(id);
  const [starting, setStarting] = useState(false);
  const { user } = useSession();
  const navigate = useNavigate();

  if (error) return <ErrorState error={error} />;
  if (!household) return <PageLoading />;
  const { data } = household;
  const mayChange = user?.roles.some((role) => CHANGE_ROLES.includes(role)) ?? false;
  const startChange = () => {
    setStarting(true);
    startInstance('household-change', { householdId: household.id, headName: household.headName })
      .then((started) => {
        const task = started.openedTasks[0];
        void navigate(task ? `/tasks/${task.id}` : `/cases/${started.id}`);
      })
      .catch((err: unknown) => {
        setStarting(false);
        // A change already running is named by the server (409, with its 受理编号).
        void message.error(err instanceof ApiError && err.status === 409 ? err.message : t('startChangeFailed'));
      });
  };

  return (
    <section className="jz-household">
      <div className="jz-page-title">
        <Typography.Title level={1}>
          {household.headName} <Tag color={statusTag(household.status, locale).color}>{statusTag(household.status, locale).label}</Tag>
        </Typography.Title>
        {mayChange && <Button type="primary" loading={starting} onClick={startChange}>{t('startChange')}</Button>}
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'id', label: t('idNumber'), children: <span className="jz-mono">{household.headIdNumber}</span> },
            { key: 'address', label: t('address'), children: [household.townName, household.villageName, data.address?.group].filter(Boolean).join(' ') },
            { key: 'phone', label: t('phone'), children: data.head?.phone ?? '—' },
            { key: 'category', label: t('category'), children: enumLabel('householdCategory', household.category, locale) },
            { key: 'mainCause', label: t('mainCause'), children: enumLabel('povertyCause', household.mainCause ?? data.mainCause, locale) || '—' },
            { key: 'otherCauses', label: t('otherCauses'), children: data.otherCauses?.map((cause) => enumLabel('povertyCause', cause, locale)).join(locale === 'en' ? ', ' : '、') || '—' },
            { key: 'registeredAt', label: t('registeredAt'), children: isoDay(household.registeredAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t('members')}>
        <MembersTable members={data.members ?? []} />
      </Card>
      <Card size="small" title={t('income')}>
        <RecordDetails record={data.income ?? {}} definition="income" />
      </Card>
      <Card size="small" title={t('living')}>
        <RecordDetails record={data.livingConditions ?? {}} definition="livingConditions" />
      </Card>
      <HouseholdHelp household={household} />
      <Card size="small" title={t('versions')}>
        <HouseholdVersions householdId={household.id} />
      </Card>
      <Card size="small" title={t('instances')}>
        {household.instances.length === 0 && <Typography.Text type="secondary">{t('noInstances')}</Typography.Text>}
        {household.instances.map((instance) => (
          <div key={instance.id} className="jz-household-instance">
            <Link to={`/cases/${instance.id}`}>{processes.title(instance.definitionKey)}</Link>
            {instance.receiptNo && <span className="jz-mono"> {instance.receiptNo}</span>}
            {' · '}{labelOr(tl, `instance.${instance.status}`)}
            {instance.startedAt && ` · ${isoDay(instance.startedAt)}`}
          </div>
        ))}
      </Card>
    </section>
  );
}
