import { useState, type ComponentType } from 'react';
import { Collapse, Tag } from 'antd';
import { getUiOptions, type ErrorSchema, type ObjectFieldTemplateProps } from '@rjsf/utils';
import { useLocale, useT } from '../i18n';
import { formsText } from '../i18n/forms';
import { isNode } from './resolveSchema';

/** A part of a long form: `{ "title": "家庭成员", "titleEn": "Members", "fields": ["members"] }` in `ui:options.sections`. */
export interface FormSection {
  title: string;
  titleEn?: string;
  fields: string[];
}

function readSections(value: unknown): FormSection[] | null {
  if (!Array.isArray(value)) return null;
  const sections = value.filter((s): s is FormSection => isNode(s) && typeof s.title === 'string' && Array.isArray(s.fields));
  return sections.length ? sections : null;
}

function countErrors(schema: ErrorSchema | undefined): number {
  if (!isNode(schema)) return 0;
  let count = 0;
  for (const [key, value] of Object.entries(schema)) {
    if (key === '__errors') count += Array.isArray(value) ? value.length : 0;
    else count += countErrors(value as ErrorSchema);
  }
  return count;
}

/**
 * The object template that splits a long object into collapsible sections with an outline
 * (`ui:options.sections`): each header is numbered and names the part, with the count of its errors
 * after a submit; a section with errors opens by itself so the error summary can focus the field. Objects without sections render as the theme renders them.
 */
export function sectionedObjectTemplate(Base: ComponentType<ObjectFieldTemplateProps>) {
  return function SectionedObjectTemplate(props: ObjectFieldTemplateProps) {
    const sections = readSections(getUiOptions(props.uiSchema).sections);
    const t = useT(formsText);
    const { locale } = useLocale();
    const [open, setOpen] = useState<string[]>(['0']);
    if (!sections) return <Base {...props} />;

    const { fieldPathId, properties, errorSchema } = props;
    const listed = new Set(sections.flatMap((s) => s.fields));
    const rest = properties.filter((p) => !listed.has(p.name)).map((p) => p.name);
    const all = rest.length ? [...sections, { title: '其他', titleEn: 'Other', fields: rest }] : sections;
    const withErrors = all.flatMap((section, i) => (section.fields.some((f) => countErrors((errorSchema as Record<string, ErrorSchema> | undefined)?.[f]) > 0) ? [String(i)] : []));
    const active = [...new Set([...open, ...withErrors])];

    const items = all.map((section, i) => {
      const own = properties.filter((p) => section.fields.includes(p.name));
      const errors = section.fields.reduce((n, f) => n + countErrors((errorSchema as Record<string, ErrorSchema> | undefined)?.[f]), 0);
      const title = locale === 'en' ? section.titleEn ?? section.title : section.title;
      return {
        key: String(i),
        forceRender: true,
        label: (
          <span className="jz-section-label" id={`${fieldPathId.$id}__section-${i}`}>
            <span className="jz-section-number">{i + 1}</span> {title}
          </span>
        ),
        extra: errors > 0 ? <Tag color="error">{t('sectionErrors', { n: errors })}</Tag> : undefined,
        children: <Base {...props} title="" description={undefined} properties={own} fieldPathId={{ ...fieldPathId, $id: `${fieldPathId.$id}__part-${i}` }} />,
      };
    });
    return (
      <fieldset id={fieldPathId.$id} className="jz-form-sections">
        <Collapse items={items} activeKey={active} onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])} />
      </fieldset>
    );
  };
}
