import { useEffect, useState } from 'react';
import { apiFetch } from '../../map/api/http';

/**
 * An object URL for an API image: attachments need the bearer token, which an `<img src>`
 * cannot send, so the bytes are fetched and shown from memory. null while loading or failed.
 */
export function useAuthedImage(url: string | null): { src: string | null; failed: boolean } {
  const [result, setResult] = useState<{ url: string; src: string | null; failed: boolean } | null>(null);

  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    apiFetch(url, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        objectUrl = URL.createObjectURL(await response.blob());
        setResult({ url, src: objectUrl, failed: false });
      })
      .catch(() => {
        if (!controller.signal.aborted) setResult({ url, src: null, failed: true });
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);

  if (!url || !result || result.url !== url) return { src: null, failed: false };
  return { src: result.src, failed: result.failed };
}
