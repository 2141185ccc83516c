import { Result } from 'antd';
import { useT } from '../i18n';
import { adminText } from '../i18n/admin';

/** `/admin/...`: definitions, the visual editor, the form builder and users arrive here next. */
export default function AdminPage() {
  const t = useT(adminText);
  return <Result status="info" title={t('title')} subTitle={t('comingSoon')} />;
}
