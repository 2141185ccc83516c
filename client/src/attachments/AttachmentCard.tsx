import { useEffect, useState } from 'react';
import type { Attachment } from '@shared/contract';
import { attachmentUrl, getAttachmentInfo, thumbnailUrl } from '../api/attachments';
import { useT } from '../i18n';
import { attachmentsText } from '../i18n/attachments';
import { exifFacts } from './exifCaption';
import './attachments.css';

/** What was learnt of each attachment this session (from its upload or a look-up), so a card does not ask twice. */
const known = new Map<string, Attachment>();

/** Remembers an attachment's details (the upload's answer). */
export function rememberAttachment(a: Attachment): void {
  known.set(a.id, a);
}

interface AttachmentCardProps {
  id: string;
  /** Where the full file and thumbnail come from (default: the logged-in download routes). */
  href?: string;
  thumbnail?: string;
  /** Known details (the public notice has none to look up). */
  info?: Pick<Attachment, 'name' | 'contentType' | 'takenAt' | 'location'>;
  onRemove?: () => void;
  removeLabel?: string;
  /** A signature drawn on the pad has no camera facts to show or miss. */
  signature?: boolean;
}

/**
 * One evidence file: its thumbnail (or a PDF label), its name, and beside a photo when and where
 * it was taken (EXIF), which is what makes it evidence that a visit happened.
 */
export function AttachmentCard({ id, href, thumbnail, info: given, onRemove, removeLabel, signature = false }: AttachmentCardProps) {
  const t = useT(attachmentsText);
  const [loaded, setLoaded] = useState<Attachment | undefined>(() => known.get(id));
  const info = given ?? loaded;
  useEffect(() => {
    if (given || known.has(id)) return;
    const controller = new AbortController();
    getAttachmentInfo(id, controller.signal).then((a) => { known.set(id, a); setLoaded(a); }, () => undefined);
    return () => controller.abort();
  }, [id, given]);
  const facts = info ? exifFacts(info) : {};
  const isPdf = info?.contentType === 'application/pdf';
  return (
    <figure className="jz-attachment" data-attachment-id={id}>
      <a href={href ?? attachmentUrl(id)} target="_blank" rel="noopener" title={t('open')}>
        {isPdf
          ? <span className="jz-attachment-pdf">{t('pdf')}</span>
          : <img src={thumbnail ?? thumbnailUrl(id)} alt={info?.name ?? ''} loading="lazy" width={120} height={90} />}
      </a>
      <figcaption>
        <span className="jz-attachment-name">{info?.name ?? ''}</span>
        {info && !isPdf && !signature && (facts.time || facts.lat ? (
          <span className="jz-attachment-exif">
            {facts.time && <span>{t('takenAt', { time: facts.time })}</span>}
            {facts.lat && <span>{t('location', { lat: facts.lat, lng: facts.lng ?? '' })}</span>}
          </span>
        ) : <span className="jz-attachment-exif jz-attachment-noexif">{t('noExif')}</span>)}
        {onRemove && <button type="button" className="jz-attachment-remove" onClick={onRemove}>{removeLabel ?? t('remove')}</button>}
      </figcaption>
    </figure>
  );
}

/** The evidence files a field of an earlier step holds, as a row of cards. */
export function AttachmentStrip({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null;
  return <div className="jz-attachments">{ids.map((id) => <AttachmentCard key={id} id={id} />)}</div>;
}
