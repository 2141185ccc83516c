import { commonText, useT } from '../i18n';

/** What a lazy page or a first fetch shows while it arrives: a CSS spinner, no script to wait for. */
export function PageLoading({ inline = false }: { inline?: boolean }) {
  const t = useT(commonText);
  return (
    <div className={inline ? 'jz-loading jz-loading-inline' : 'jz-loading'} role="status">
      <span className="jz-spinner" aria-hidden />
      {t('loading')}
    </div>
  );
}
