import type { ThemeConfig } from 'antd';

/**
 * Colours that meet WCAG 2.1 AA (4.5:1 for text on white and on the light tints Ant Design puts
 * behind tags and alerts). Ant Design's defaults fall short: its error red #ff4d4f is 3.3:1,
 * its secondary text 0.45 black 4.0:1 on the page's grey, and the hover shade it derives from
 * the primary red (#c4564f) leaves a hovered primary button's white text at 4.4:1.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#b7312c',
    // A hovered primary button (white text) and hovered primary text: 5.1:1 on white.
    colorPrimaryHover: '#c0443e',
    colorPrimaryTextHover: '#c0443e',
    colorLink: '#a8261f',
    colorError: '#c0221f',
    colorSuccess: '#2f6f0a',
    colorWarning: '#9a5400',
    colorInfo: '#0b57c4',
    // The tints behind status tags and alerts: light enough for the colours above to read at 4.5:1 or more
    // on them (the tints derived from these darker colours were not: a success tag's text failed AA).
    colorSuccessBg: '#f6ffed',
    colorWarningBg: '#fffbe6',
    colorErrorBg: '#fff2f0',
    colorInfoBg: '#e6f4ff',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    // Tags and status colours draw their text from these palettes' darker steps.
    green: '#2f6f0a',
    blue: '#0b57c4',
    orange: '#9a5400',
    gold: '#8a6100',
    red: '#c0221f',
    volcano: '#b03a0c',
    cyan: '#006d75',
    purple: '#5b2a9e',
    magenta: '#a3185f',
    geekblue: '#2342b8',
    lime: '#4b6e00',
    yellow: '#7a6500',
  },
};

/** The same colours without Ant Design's animations, for a device that asks for reduced motion. */
export const REDUCED_MOTION_THEME: ThemeConfig = { ...THEME, token: { ...THEME.token, motion: false } };
