import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A photo chosen on the device, before it is queued. */
export interface PickedPhoto {
  id: string;
  file: File;
}

export interface PhotoPickerProps {
  legend: string;
  photos: readonly PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
  /** data-testid of the file input (tests set files on it). */
  testId?: string;
  invalid?: boolean;
  /** Text of the add button (default: take a photo). */
  addLabel?: string;
  /** Open the rear camera on a phone (default); off where photos come as files (the desks). */
  capture?: boolean;
}

let photoSeq = 0;

/**
 * Photos from the camera (capture="environment" opens the rear camera on a phone; the album is
 * offered too), shown as thumbnails with a remove button each.
 */
export function PhotoPicker({
  legend,
  photos,
  onChange,
  testId,
  invalid = false,
  addLabel,
  capture = true,
}: PhotoPickerProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const previews = useMemo(() => photos.map((p) => ({ ...p, url: URL.createObjectURL(p.file) })), [photos]);
  useEffect(() => () => previews.forEach((p) => URL.revokeObjectURL(p.url)), [previews]);

  const add = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const added = [...files]
      .filter((f) => f.type.startsWith('image/'))
      .map((file) => ({ id: `photo-${++photoSeq}`, file }));
    onChange([...photos, ...added]);
  };

  return (
    <fieldset className={`field-photos${invalid ? ' field-photos--invalid' : ''}`}>
      <legend>
        {legend} <span className="field-muted">{t('field.report.photoCount', { count: photos.length })}</span>
      </legend>
      {previews.length === 0 ? (
        <p className="field-muted">{t('field.report.noPhotos')}</p>
      ) : (
        <ul className="field-photos__list">
          {previews.map((p) => (
            <li key={p.id} className="field-photos__item">
              <img src={p.url} alt={p.file.name} />
              <button
                type="button"
                className="field-photos__remove"
                aria-label={t('field.report.removePhoto', { name: p.file.name })}
                onClick={() => onChange(photos.filter((x) => x.id !== p.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field-button field-button--secondary field-photos__add" htmlFor={inputId}>
        <input
          id={inputId}
          className="field-file-input"
          type="file"
          accept="image/*"
          capture={capture ? 'environment' : undefined}
          multiple
          data-testid={testId}
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        {addLabel ?? t('field.report.addPhoto')}
      </label>
    </fieldset>
  );
}
