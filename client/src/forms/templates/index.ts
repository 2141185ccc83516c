import type { TemplatesType } from '@rjsf/utils';
import { ArrayFieldItemTemplate, ArrayFieldTemplate } from './ArrayFieldTemplate';
import { BaseInputTemplate } from './BaseInputTemplate';
import { ButtonTemplates } from './ButtonTemplates';
import { FieldErrorTemplate } from './FieldErrorTemplate';
import { FieldTemplate } from './FieldTemplate';
import { ObjectFieldTemplate } from './ObjectFieldTemplate';
import { TitleFieldTemplate } from './TitleFieldTemplate';

/**
 * The templates our forms are drawn with, in place of @rjsf/antd's: the same look from plain
 * elements and the antd inputs and buttons every page already loads, without antd's Form (its
 * Form.Item and field engine), grid and divider. rjsf's own defaults cover the rest (descriptions,
 * error and help blocks with the ids the widgets point at).
 */
export const templates: Partial<TemplatesType> = {
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  BaseInputTemplate,
  ButtonTemplates: ButtonTemplates as TemplatesType['ButtonTemplates'],
  FieldErrorTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
};
