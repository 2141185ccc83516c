import { useEffect, useState } from 'react';

/**
 * A QR code of the online notice's address, so a villager reading the paper can open it (and
 * object) on a phone. The encoder is loaded only when a notice is shown.
 */
export function NoticeQrCode({ url, label }: { url: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ renderSVG }) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(url, { border: 1 }))}`);
    });
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <figure className="jz-notice-qr" data-testid="notice-qr" data-url={url}>
      {src && <img src={src} alt={label} width={96} height={96} />}
      <figcaption>{label}</figcaption>
    </figure>
  );
}
