import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import { moveFormField, removeFormField, type FieldSpec, type FormParts } from '../model';
import { asCardColumns } from '../../layout/cardColumns';
import { builderText } from '../../i18n/formBuilder';
import { reorderFields } from './reorderFields';
import { DragHandle, SortableList, SortableRow } from './SortableRows';

/** `结论 = 已更正`: the condition with the choice's label where the other field has labels. */
function describeCondition(visibility: NonNullable<FieldSpec['visibleWhen']>, fields: FieldSpec[]): string {
  const options = fields.find((f) => f.name === visibility.field)?.options ?? [];
  const label = (value: unknown) => options.find((o) => o.value === value)?.zh ?? String(value);
  return `${visibility.field} = ${([] as unknown[]).concat(visibility.equals).map(label).join(' / ')}`;
}

interface Props {
  fields: FieldSpec[];
  onEdit: (spec: FieldSpec) => void;
  onChange: (edit: (parts: FormParts) => FormParts) => void;
}

/** The form's fields in display order, dragged into place: name, label, type, required, shown-when; edit, move, remove. */
export function FieldTable({ fields, onEdit, onChange }: Props) {
  const t = useT(formBuilderText);
  const tb = useT(builderText);
  return (
    <SortableList ids={fields.map((f) => f.name)} onMove={(from, to) => onChange((p) => reorderFields(p, from, to))}>
    <Table<FieldSpec>
      className="jz-admin-gap jz-card-table"
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={fields}
      components={{ body: { row: SortableRow } }}
      columns={asCardColumns<FieldSpec>([
        { title: '', key: 'drag', width: 40, render: () => <DragHandle label={tb('dragHandle')} /> },
        { title: t('fieldName'), dataIndex: 'name', render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
        { title: t('fieldTitleZh'), dataIndex: 'titleZh' },
        { title: t('fieldType'), dataIndex: 'type', render: (type: FieldSpec['type']) => t(`type.${type}`) },
        { title: t('required'), dataIndex: 'required', render: (required: boolean) => (required ? <Tag color="red">{t('required')}</Tag> : null) },
        {
          title: t('visibleWhen'),
          render: (_, spec) => (spec.visibleWhen ? describeCondition(spec.visibleWhen, fields) : spec.advanced ? t('advanced') : spec.shared ? <Tag>{t('shared')}</Tag> : ''),
        },
        {
          title: '',
          width: 150,
          render: (_, spec) => (
            <Space size={0}>
              <Button type="text" size="small" icon={<EditOutlined />} disabled={spec.shared} title={spec.shared ? t('sharedHint') : undefined} onClick={() => onEdit(spec)} aria-label={t('edit')} />
              <Button type="text" size="small" icon={<ArrowUpOutlined />} onClick={() => onChange((p) => moveFormField(p, spec.name, -1))} aria-label={t('moveUp')} />
              <Button type="text" size="small" icon={<ArrowDownOutlined />} onClick={() => onChange((p) => moveFormField(p, spec.name, 1))} aria-label={t('moveDown')} />
              <Popconfirm title={t('removeConfirm', { name: spec.name })} onConfirm={() => onChange((p) => removeFormField(p, spec.name))} disabled={spec.shared}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('remove')} disabled={spec.shared} />
              </Popconfirm>
            </Space>
          ),
        },
      ])}
    />
    </SortableList>
  );
}
