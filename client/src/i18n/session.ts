import { defineCatalog } from './catalog';

export const sessionText = defineCatalog({
  'zh-CN': {
    title: '登录',
    subtitle: '五华县精准扶贫精准脱贫业务平台',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    failed: '用户名或密码不正确。',
    tooMany: '尝试次数过多，请稍后再试。',
    publicNotices: '查看公示公告（无需登录）',
  },
  en: {
    title: 'Log in',
    subtitle: 'Wuhua County targeted poverty alleviation platform',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    submit: 'Log in',
    failed: 'Wrong username or password.',
    tooMany: 'Too many attempts. Please wait a moment.',
    publicNotices: 'Public notices (no login needed)',
  },
});
