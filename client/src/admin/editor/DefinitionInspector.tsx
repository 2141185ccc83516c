import { Form, Input, Select } from 'antd';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { cloneDocument, type DocumentJson, type LabelJson } from '../model';
import { useRoles } from '../shared/roles';

/** The definition's own properties, shown when nothing is selected. */
export function DefinitionInspector({ doc, readOnly, apply }: { doc: DocumentJson; readOnly: boolean; apply: (change: (doc: DocumentJson) => DocumentJson) => void }) {
  const t = useT(editorText);
  const { roleOptions } = useRoles();
  const title: LabelJson = typeof doc.title === 'string' ? { zh: doc.title } : doc.title;
  const set = (patch: Partial<DocumentJson>) => apply((d) => ({ ...cloneDocument(d), ...patch }));
  return (
    <Form layout="vertical" size="small" disabled={readOnly}>
      <Form.Item label={t('defTitleZh')}>
        <Input value={title.zh} onChange={(e) => set({ title: { ...title, zh: e.target.value } })} aria-label={t('defTitleZh')} />
      </Form.Item>
      <Form.Item label={t('defTitleEn')}>
        <Input value={title.en ?? ''} onChange={(e) => set({ title: { ...title, en: e.target.value } })} aria-label={t('defTitleEn')} />
      </Form.Item>
      <Form.Item label={t('description')}>
        <Input.TextArea rows={2} value={doc.description?.zh ?? ''} onChange={(e) => set({ description: { ...(doc.description ?? { zh: '' }), zh: e.target.value } })} aria-label={t('description')} />
      </Form.Item>
      <Form.Item label={t('starterRoles')}>
        <Select mode="multiple" value={doc.starterRoles ?? []} options={roleOptions} onChange={(starterRoles: string[]) => set({ starterRoles })} aria-label={t('starterRoles')} />
      </Form.Item>
      <Form.Item label={t('orgLevel')}>
        <Select
          value={doc.orgLevel}
          allowClear
          options={(['village', 'town', 'county'] as const).map((level) => ({ value: level, label: t(`scope.${level}`) }))}
          onChange={(orgLevel?: string) => set({ orgLevel })}
          aria-label={t('orgLevel')}
        />
      </Form.Item>
      <p className="jz-admin-hint">{t('selectHint')}</p>
    </Form>
  );
}
