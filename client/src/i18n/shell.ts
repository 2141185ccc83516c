import { defineCatalog } from './catalog';

/** The app shell's own words: skip link, navigation landmarks, offline state, keyboard help. */
export const shellText = defineCatalog({
  'zh-CN': {
    skipToContent: '跳到主要内容',
    mainNav: '主导航',
    tabBar: '底部导航',
    siteTitle: '精准扶贫 · 五华县',
    offline: '网络已断开：页面上的数据可能不是最新的；正在填写的内容保存在本机草稿中，恢复网络后再提交。',
  },
  en: {
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    tabBar: 'Sections',
    siteTitle: 'Targeted Poverty Alleviation · Wuhua',
    offline: 'You are offline: what you see may be out of date; what you type is kept as a draft on this device; submit it once the network is back.',
  },
});
