import { Grid, Table } from 'antd';
import { useLocale, useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { enumLabel, type EnumName } from './householdOptions';

type Member = Record<string, unknown>;

const text = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : String(value));

/**
 * The members as the application recorded them; ID numbers come masked from the server. A table
 * on wide screens; on a phone one card per member, so nothing scrolls sideways.
 */
export function MembersTable({ members }: { members: Member[] }) {
  const t = useT(householdsText);
  const { locale } = useLocale();
  const screens = Grid.useBreakpoint();
  // The stored terms are the forms' Chinese enumerations: read in the reader's language.
  const fields: Array<{ key: string; label: string; mono?: boolean; terms?: EnumName }> = [
    { key: 'relation', label: t('relation'), terms: 'relation' },
    { key: 'sex', label: t('sex'), terms: 'sex' },
    { key: 'idNumber', label: t('idNumber'), mono: true },
    { key: 'education', label: t('education'), terms: 'education' },
    { key: 'health', label: t('health'), terms: 'health' },
    { key: 'labour', label: t('labour'), terms: 'labour' },
  ];
  const shown = (field: (typeof fields)[number], value: unknown) => (field.terms && typeof value === 'string' ? text(enumLabel(field.terms, value, locale)) : text(value));
  if (screens.md === false) {
    return (
      <ul className="jz-member-cards" aria-label={t('members')}>
        {members.map((member, index) => (
          <li key={index} className="jz-member-card">
            <div className="jz-member-card-name">{text(member.name)}</div>
            <dl>
              {fields.map((field) => (
                <div key={field.key} className={field.mono ? 'jz-member-card-wide' : undefined}>
                  <dt>{field.label}</dt>
                  <dd className={field.mono ? 'jz-mono' : undefined}>{shown(field, member[field.key])}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table<Member>
      size="small"
      rowKey={(_, index) => String(index)}
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={members}
      columns={[
        { title: t('memberName'), dataIndex: 'name', render: text },
        ...fields.map((field) => ({
          title: field.label, dataIndex: field.key,
          render: field.mono ? (value: unknown) => <span className="jz-mono">{text(value)}</span> : (value: unknown) => shown(field, value),
        })),
      ]}
    />
  );
}
