import type { OrgUnit, VillagePairings } from '@shared/contract';
import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useLocale, useT } from '../i18n';
import { pairingsText } from '../i18n/pairings';
import { statusTag } from '../households/householdOptions';
import { asCardColumns } from '../layout/cardColumns';
import { ErrorState } from '../layout/ErrorState';
import { PageTitle } from '../layout/PageTitle';
import { useFeedback } from '../layout/useFeedback';
import { ErrorAlert } from '../admin/shared/ErrorAlert';
import { useSession } from '../session/useSession';
import { getVillagePairings, listChildUnits, listHelpers, reassignHelper } from './pairingsApi';
import type { HelperOption } from './pairingsApi';
import './pairings.css';
import { isoDay } from '../i18n/dates';

type Row = VillagePairings['households'][number];

/**
 * `/pairings?town=&village=`: a village's 帮扶单位 and the 帮扶责任人 of each of its registered
 * households, for the town (its own villages), the county office and admins; a household's helper
 * is changed here with a reason, and the household keeps the ended pairing in its history.
 */
export default function PairingsPage() {
  const t = useT(pairingsText);
  const { locale } = useLocale();
  const { user } = useSession();
  const { message } = useFeedback();
  const [params, setParams] = useSearchParams();
  const segments = (user?.orgPath ?? '').split('/');
  const county = segments[0];
  // A town reviewer's own town is fixed; the county chooses.
  const ownTown = segments.length >= 2 ? segments[1] : '';
  const town = ownTown || params.get('town') || '';
  const village = params.get('village') ?? '';
  const [towns, setTowns] = useState<OrgUnit[]>([]);
  const [villages, setVillages] = useState<OrgUnit[]>([]);
  const [pairings, setPairings] = useState<VillagePairings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [editing, setEditing] = useState<Row | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    if (county && !ownTown) listChildUnits(county, controller.signal).then((a) => setTowns(a.items.filter((u) => u.level === 'town'))).catch(() => undefined);
    return () => controller.abort();
  }, [county, ownTown]);
  useEffect(() => {
    const controller = new AbortController();
    if (town) listChildUnits(town, controller.signal).then((a) => setVillages(a.items.filter((u) => u.level === 'village'))).catch(() => undefined);
    return () => controller.abort();
  }, [town]);
  useEffect(() => {
    if (!village) return undefined;
    const controller = new AbortController();
    getVillagePairings(village, controller.signal)
      .then((answer) => {
        setError(null);
        setPairings(answer);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [village, generation]);

  const choose = (next: { town?: string; village?: string }) => {
    const query = new URLSearchParams();
    const nextTown = next.town ?? town;
    if (nextTown && !ownTown) query.set('town', nextTown);
    if (next.village) query.set('village', next.village);
    setParams(query);
    if (!next.village) setPairings(null);
  };

  const shown = pairings && pairings.village.id === village ? pairings : null;
  const columns = asCardColumns<Row>([
    { title: t('headName'), dataIndex: 'headName', render: (name: string, row) => <Link to={`/households/${row.id}`}>{name}</Link> },
    { title: t('category'), dataIndex: 'category' },
    { title: t('status'), dataIndex: 'status', render: (status: string) => <Tag color={statusTag(status, locale).color}>{statusTag(status, locale).label}</Tag> },
    { title: t('helper'), key: 'helper', render: (_: unknown, row) => (row.helper ? `${row.helper.name}（${row.helper.unit}）` : <Typography.Text type="warning">{t('none')}</Typography.Text>) },
    { title: t('helpKind'), key: 'helpKind', render: (_: unknown, row) => row.helper?.helpKind ?? '—' },
    { title: t('since'), key: 'since', render: (_: unknown, row) => (row.helper ? isoDay(row.helper.since) : '—') },
    {
      title: t('actions'), key: 'actions',
      render: (_: unknown, row) => (
        <Button size="small" onClick={() => setEditing(row)} aria-label={`${row.helper ? t('reassign') : t('assign')} ${row.headName}`}>
          {row.helper ? t('reassign') : t('assign')}
        </Button>
      ),
    },
  ]);

  return (
    <section>
      <PageTitle>{t('title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Space wrap className="jz-pairings-pickers">
        {!ownTown && (
          <Select
            className="jz-pairings-select"
            value={town || undefined}
            placeholder={t('town')}
            aria-label={t('town')}
            options={towns.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(value: string) => choose({ town: value })}
          />
        )}
        <Select
          className="jz-pairings-select"
          value={village || undefined}
          placeholder={t('chooseVillage')}
          aria-label={t('village')}
          options={villages.map((u) => ({ value: u.id, label: u.name }))}
          onChange={(value: string) => choose({ village: value })}
          showSearch
          optionFilterProp="label"
        />
      </Space>
      {error !== null && <ErrorState error={error} onRetry={() => setGeneration((g) => g + 1)} />}
      {shown && (
        <Card size="small" title={shown.village.name} className="jz-pairings-card">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'unit', label: t('helpUnit'), children: shown.helpUnit ? shown.helpUnit.name : t('noHelpUnit') },
              { key: 'count', label: t('helper'), children: t('households', { n: shown.households.length, paired: shown.households.filter((h) => h.helper).length }) },
            ]}
          />
          <Table<Row>
            className="jz-card-table"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={shown.households}
            columns={columns}
            locale={{ emptyText: t('empty') }}
          />
        </Card>
      )}
      {editing && (
        <ReassignDialog
          row={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              message.success(t('saved'));
              setGeneration((g) => g + 1);
            }
          }}
        />
      )}
    </section>
  );
}

/** The household's new helper and the reason, sent as one change; the server's field messages show under the form. */
function ReassignDialog({ row, onClose }: { row: Row; onClose: (saved: boolean) => void }) {
  const t = useT(pairingsText);
  const [helpers, setHelpers] = useState<HelperOption[]>([]);
  const [helperUserId, setHelperUserId] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    listHelpers(controller.signal).then((a) => setHelpers(a.items)).catch((cause: unknown) => {
      if (!controller.signal.aborted) setError(cause);
    });
    return () => controller.abort();
  }, []);
  const save = async () => {
    if (!helperUserId) return;
    setSaving(true);
    setError(null);
    try {
      await reassignHelper(row.id, { helperUserId, reason: reason.trim() });
      onClose(true);
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('dialogTitle', { name: row.headName })}
      onCancel={() => onClose(false)}
      footer={[
        <Button key="cancel" onClick={() => onClose(false)}>{t('cancel')}</Button>,
        <Button key="save" type="primary" disabled={!helperUserId || !reason.trim()} loading={saving} onClick={() => void save()}>{t('save')}</Button>,
      ]}
    >
      {row.helper && <Typography.Paragraph>{t('current', { name: row.helper.name, unit: row.helper.unit })}</Typography.Paragraph>}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Form layout="vertical">
        <Form.Item label={t('newHelper')} required htmlFor="jz-pairing-helper">
          <Select
            id="jz-pairing-helper"
            aria-label={t('newHelper')}
            value={helperUserId}
            onChange={setHelperUserId}
            showSearch
            optionFilterProp="label"
            options={helpers.filter((h) => h.userId !== row.helper?.userId).map((h) => ({ value: h.userId, label: t('helperOption', { name: h.name, unit: h.unit, n: h.households }) }))}
          />
        </Form.Item>
        <Form.Item label={t('reason')} required htmlFor="jz-pairing-reason">
          <Input.TextArea id="jz-pairing-reason" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} placeholder={t('reasonPlaceholder')} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
