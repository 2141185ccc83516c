import type { DiffResult, TransitionRef } from '@shared/contract';
import { Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { diffVersions } from '../../api/adminDefinitions';
import { useLocalize, useT } from '../../i18n';
import { adminText, diffText } from '../../i18n/admin';
import { ErrorState } from '../../layout/ErrorState';
import { PageTitle } from '../../layout/PageTitle';
import { useLoad } from '../shared/useLoad';
import { useDefinition } from './useDefinition';
import { VersionSelect } from './VersionSelect';

const transitionText = (tr: TransitionRef) => `${tr.from} —${tr.event}→ ${tr.to}`;

/** `/admin/definitions/:key/diff?from=&to=`: what changed between two versions — states, transitions, forms. */
export default function DiffPage() {
  const key = useParams().key ?? '';
  const t = useT(diffText);
  const ta = useT(adminText);
  const localize = useLocalize();
  const [params, setParams] = useSearchParams();
  const definition = useDefinition(key);
  const versions = definition.data?.versions ?? [];
  const to = Number(params.get('to')) || versions[versions.length - 1]?.version;
  const fromDefault = [...versions].reverse().find((v) => v.version !== to && v.status === 'published')?.version ?? versions.find((v) => v.version !== to)?.version;
  const from = Number(params.get('from')) || fromDefault;
  const diff = useLoad<DiffResult | null>(`${key}:${from}:${to}`, (signal) => (from && to ? diffVersions(key, from, to, signal) : Promise.resolve(null)));
  const pick = (name: 'from' | 'to', value: number) => setParams({ from: String(name === 'from' ? value : from ?? ''), to: String(name === 'to' ? value : to ?? '') }, { replace: true });

  return (
    <section>
      <PageTitle>
        {t('title')} · {definition.data ? localize(definition.data.title) : key}
      </PageTitle>
      <Space wrap>
        <VersionSelect versions={versions} value={from} onChange={(v) => pick('from', v)} label={t('from')} />→
        <VersionSelect versions={versions} value={to} onChange={(v) => pick('to', v)} label={t('to')} />
      </Space>
      {definition.error || diff.error ? (
        <ErrorState error={definition.error || diff.error} onRetry={diff.reload} />
      ) : !diff.data ? (
        <Empty className="jz-admin-gap" description={diff.loading ? ta('loading') : t('pickTwo')} />
      ) : (
        <Row gutter={[16, 16]} className="jz-admin-gap" data-testid="diff">
          <Col xs={24} lg={8}>
            <Card title={t('states')} size="small">
              <ChangeList added={diff.data.states.added} removed={diff.data.states.removed} />
              {diff.data.states.changed.map((change) => (
                <div key={change.id} className="jz-admin-diff-changed">
                  <Tag color="blue">{t('changed')}</Tag>
                  <Typography.Text code>{change.id}</Typography.Text>
                  <ul>
                    {change.changes.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('transitions')} size="small">
              <ChangeList added={diff.data.transitions.added.map(transitionText)} removed={diff.data.transitions.removed.map(transitionText)} />
              {diff.data.transitions.changed.map((change) => (
                <div key={`${change.from}-${change.event}`} className="jz-admin-diff-changed">
                  <Tag color="blue">{t('changed')}</Tag>
                  <Typography.Text code>
                    {change.from} · {change.event}
                  </Typography.Text>
                  <pre className="jz-admin-logic">− {JSON.stringify(change.before)}</pre>
                  <pre className="jz-admin-logic">+ {JSON.stringify(change.after)}</pre>
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('forms')} size="small">
              <ChangeList added={diff.data.forms.added} removed={diff.data.forms.removed} />
              {diff.data.forms.changed.map((change) => (
                <div key={change.key} className="jz-admin-diff-changed">
                  <Tag color="blue">{t('changed')}</Tag>
                  <Typography.Text code>{change.key}</Typography.Text> v{change.fromVersion} → v{change.toVersion}
                  <ChangeList added={change.fieldsAdded} removed={change.fieldsRemoved} changed={change.fieldsChanged} />
                </div>
              ))}
            </Card>
          </Col>
        </Row>
      )}
    </section>
  );
}

function ChangeList({ added, removed, changed = [] }: { added: string[]; removed: string[]; changed?: string[] }) {
  const t = useT(diffText);
  const rows = [
    ...added.map((text) => ({ text, kind: 'added', tag: <Tag color="green">{t('added')}</Tag> })),
    ...removed.map((text) => ({ text, kind: 'removed', tag: <Tag color="red">{t('removed')}</Tag> })),
    ...changed.map((text) => ({ text, kind: 'changed', tag: <Tag color="blue">{t('changed')}</Tag> })),
  ];
  if (rows.length === 0) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  return (
    <ul className="jz-admin-list">
      {rows.map((row) => (
        <li key={`${row.kind}:${row.text}`}>
          {row.tag} <Typography.Text code>{row.text}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
