/**
 * Registers /sw.js (apps/web/public/sw.js), which keeps the app shell so the inspector app
 * opens without network, and hands it the script and style URLs this page already loaded (the
 * file names carry content hashes, so the list is only known at run time).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(async () => {
      const registration = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => url.startsWith(`${window.location.origin}/assets/`));
      registration.active?.postMessage({ type: 'cache-urls', urls });
    })
    .catch(() => undefined);
}
