import { useT } from '../i18n';
import { attachmentsText } from '../i18n/attachments';

/**
 * The photos the village took of the posted notice: public, like the notice, and the only files
 * of the case the public can open (the server serves only the ids the notice names).
 */
export function NoticePhotos({ noticeId, photoIds }: { noticeId: string; photoIds: string[] }) {
  const t = useT(attachmentsText);
  if (photoIds.length === 0) return null;
  const base = `/api/notices/${encodeURIComponent(noticeId)}/photos`;
  return (
    <section className="jz-notice-photos" aria-label={t('photos')}>
      <h2>{t('photos')}</h2>
      <div className="jz-notice-photo-row">
        {photoIds.map((photoId, index) => (
          <a key={photoId} href={`${base}/${encodeURIComponent(photoId)}`} target="_blank" rel="noopener">
            <img src={`${base}/${encodeURIComponent(photoId)}/thumbnail`} alt={`${t('photos')} ${index + 1}`} loading="lazy" width={160} height={120} />
          </a>
        ))}
      </div>
    </section>
  );
}
