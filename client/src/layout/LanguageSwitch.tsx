import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { commonText, useLocale, useT } from '../i18n';

/** One button: it names the language it switches to, in that language. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT(commonText);
  return (
    <Button type="text" size="small" icon={<GlobalOutlined />} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
      {t('language')}
    </Button>
  );
}
