import { defineCatalog } from './catalog';

/** The app shell's own words: skip link, navigation landmarks, offline state, keyboard help. */
export const shellText = defineCatalog({
  'zh-CN': {
    skipToContent: '跳到主要内容',
    mainNav: '主导航',
    tabBar: '底部导航',
    siteTitle: '精准扶贫 · 五华县',
  },
  en: {
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    tabBar: 'Sections',
    siteTitle: 'Targeted Poverty Alleviation · Wuhua',
  },
});
