import { withTheme } from '@rjsf/core';
import { generateTemplates } from '@rjsf/antd/lib/templates/index.js';
import { OrgUnitFields } from './OrgUnitFields';
import { sectionedObjectTemplate } from './SectionedObjectTemplate';
import { widgets } from './widgets';

const templates = generateTemplates();

/**
 * rjsf's Form with the Ant Design templates and our selection of widgets (see widgets.ts); objects may
 * be split into sections (`ui:options.sections`) and address objects picked from the org tree
 * (`"ui:field": "orgUnits"`).
 */
export const ThemedForm = withTheme({
  templates: { ...templates, ObjectFieldTemplate: sectionedObjectTemplate(templates.ObjectFieldTemplate!) },
  widgets,
  fields: { orgUnits: OrgUnitFields },
});
