import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { commonText, useT } from '../i18n';

export function NotFoundPage() {
  const t = useT(commonText);
  return (
    <div className="jz-empty">
      <p>{t('notFound')}</p>
      <Link to="/inbox">
        <Button type="primary">{t('inbox')}</Button>
      </Link>
    </div>
  );
}
