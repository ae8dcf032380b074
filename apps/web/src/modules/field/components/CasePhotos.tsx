import type { AttachmentDto } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { useAuthedImage } from '../hooks/useAuthedImage';

function Photo({ photo, alt }: { photo: AttachmentDto; alt: string }) {
  const { src, failed } = useAuthedImage(photo.thumbnailUrl ?? photo.url);
  if (failed) return <span className="field-photo field-photo--missing">{alt}</span>;
  return src ? (
    <img className="field-photo" src={src} alt={alt} />
  ) : (
    <span className="field-photo field-photo--loading ug-spinner" aria-label={alt} />
  );
}

/** Photos of a case or a step, fetched with the session's token. */
export function CasePhotos({ photos, empty }: { photos: readonly AttachmentDto[]; empty: string }) {
  const { t } = useTranslation();
  if (photos.length === 0) return <p className="field-muted">{empty}</p>;
  return (
    <ul className="field-photos__list">
      {photos.map((p, index) => (
        <li key={p.id} className="field-photos__item">
          <Photo photo={p} alt={`${t('field.case.photos')} ${index + 1}`} />
        </li>
      ))}
    </ul>
  );
}
