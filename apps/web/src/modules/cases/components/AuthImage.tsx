import { useEffect, useState, type ImgHTMLAttributes } from 'react';
import { apiFetch, isApiUrl } from '../../map/api/http';

/**
 * An image of the API (attachments): those need the bearer token, which an <img src> cannot
 * send, so the bytes are fetched and shown from an object URL. Other URLs load directly.
 */
export function AuthImage({ src, ...rest }: ImgHTMLAttributes<HTMLImageElement> & { src: string }) {
  const needsToken = isApiUrl(src, window.location.origin);
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!needsToken) return;
    let url: string | null = null;
    let live = true;
    apiFetch(src)
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setObjectUrl(url);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [src, needsToken]);
  if (needsToken && !objectUrl) return <span className="case-photo-placeholder" role="img" aria-label={rest.alt} />;
  return <img {...rest} src={needsToken ? (objectUrl ?? '') : src} />;
}
