import { withTheme } from '@rjsf/core';
import { generateTemplates } from '@rjsf/antd/lib/templates/index.js';
import { widgets } from './widgets';

/** rjsf's Form with the Ant Design templates and our selection of widgets (see widgets.ts). */
export const ThemedForm = withTheme({ templates: generateTemplates(), widgets });
