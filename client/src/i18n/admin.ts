import { defineCatalog } from './catalog';

export const adminText = defineCatalog({
  'zh-CN': { title: '系统管理', comingSoon: '流程定义、表单设计与用户管理正在建设中。' },
  en: { title: 'Administration', comingSoon: 'Definitions, the form builder and user management are on their way.' },
});
