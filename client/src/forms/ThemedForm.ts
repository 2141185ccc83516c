import { withTheme } from '@rjsf/core';
import { OrgUnitFields } from './OrgUnitFields';
import { sectionedObjectTemplate } from './SectionedObjectTemplate';
import { templates } from './templates';
import { ObjectFieldTemplate } from './templates/ObjectFieldTemplate';
import { widgets } from './widgets';

/**
 * rjsf's Form with our templates (Ant Design's look without its Form, see templates/) and our
 * selection of widgets (see widgets.ts); objects may be split into sections (`ui:options.sections`)
 * and address objects picked from the org tree (`"ui:field": "orgUnits"`).
 */
export const ThemedForm = withTheme({
  templates: { ...templates, ObjectFieldTemplate: sectionedObjectTemplate(ObjectFieldTemplate) },
  widgets,
  fields: { orgUnits: OrgUnitFields },
});
