/** Date and time in the inspector's language, e.g. 11月28日 14:05 / Nov 28, 2:05 PM. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Metres rounded for reading outdoors: whole metres below 100 m, tens of metres above. */
export function roundMetres(metres: number): number {
  return metres < 100 ? Math.round(metres) : Math.round(metres / 10) * 10;
}
