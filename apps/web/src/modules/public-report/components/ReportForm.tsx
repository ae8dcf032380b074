import type { Open311Area, Open311Service, Position } from '@urbangrid/contracts';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Open311RequestError, postReport, uploadPhoto } from '../api/open311-api';
import { PublicMap } from './PublicMap';

export interface ReportReceipt {
  trackingNumber: string;
  notice: string | null;
}

export interface ReportFormProps {
  apiKey: string;
  area: Open311Area;
  services: Open311Service[];
  onSent: (receipt: ReportReceipt) => void;
}

const inside = (area: Open311Area, [lon, lat]: Position): boolean =>
  lon >= area.min_long && lon <= area.max_long && lat >= area.min_lat && lat <= area.max_lat;

/** 选择问题类型 → 地图选点 → 描述 → 照片 → 提交: one screen, phone first. */
export function ReportForm({ apiKey, area, services, onSent }: ReportFormProps) {
  const { t } = useTranslation();
  const ids = { service: useId(), description: useId(), photo: useId(), name: useId(), phone: useId() };
  const [serviceCode, setServiceCode] = useState('');
  const [point, setPoint] = useState<Position | null>(null);
  const [description, setDescription] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [locating, setLocating] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const preview = useMemo(() => (photo ? URL.createObjectURL(photo) : null), [photo]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const groups = useMemo(() => {
    const byGroup = new Map<string, Open311Service[]>();
    for (const s of services) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
    return [...byGroup.entries()];
  }, [services]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblems([t('publicReport.locationFailed')]);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const p: Position = [pos.coords.longitude, pos.coords.latitude];
        if (inside(area, p)) {
          setPoint(p);
          setProblems([]);
        } else setProblems([t('publicReport.outsideCity')]);
      },
      () => {
        setLocating(false);
        setProblems([t('publicReport.locationFailed')]);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: string[] = [];
    if (!serviceCode) found.push(t('publicReport.needService'));
    if (!point) found.push(t('publicReport.needPosition'));
    else if (!inside(area, point)) found.push(t('publicReport.outsideCity'));
    if (description.trim().length < 2) found.push(t('publicReport.needDescription'));
    setProblems(found);
    if (found.length > 0 || !point) return;
    setSending(true);
    try {
      const media = photo ? await uploadPhoto(apiKey, photo) : null;
      const answer = await postReport(apiKey, {
        serviceCode,
        point,
        description: description.trim(),
        mediaUrl: media?.media_url ?? null,
        name: name.trim(),
        phone: phone.trim(),
      });
      onSent({
        trackingNumber: answer.service_request_id ?? answer.token ?? '',
        notice: answer.service_notice ?? null,
      });
    } catch (err) {
      if (err instanceof Open311RequestError && err.status === 429) {
        setProblems([t('publicReport.rateLimited', { seconds: err.retryAfter ?? 60 })]);
      } else if (err instanceof Open311RequestError && err.items.length > 0) {
        setProblems(err.items.map((i) => i.description));
      } else {
        setProblems([err instanceof Error ? err.message : String(err)]);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="public-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={ids.service}>{t('publicReport.service')}</label>
      <select
        id={ids.service}
        value={serviceCode}
        onChange={(e) => setServiceCode(e.target.value)}
        data-testid="public-service"
      >
        <option value="">{t('publicReport.servicePlaceholder')}</option>
        {groups.map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((s) => (
              <option key={s.service_code} value={s.service_code}>
                {s.service_name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>

      <fieldset className="public-position">
        <legend>{t('publicReport.position')}</legend>
        <p className="public-muted" role="status" data-testid="public-position-status">
          {locating
            ? t('publicReport.locating')
            : point
              ? t('publicReport.pinPlaced', { lon: point[0].toFixed(5), lat: point[1].toFixed(5) })
              : t('publicReport.mapHint')}
        </p>
        <PublicMap area={area} value={point} onChange={setPoint} />
        <button type="button" className="public-button public-button--secondary" onClick={locate}>
          {t('publicReport.useLocation')}
        </button>
      </fieldset>

      <label htmlFor={ids.description}>{t('publicReport.description')}</label>
      <textarea
        id={ids.description}
        value={description}
        maxLength={4000}
        rows={4}
        onChange={(e) => setDescription(e.target.value)}
        aria-describedby={`${ids.description}-hint`}
        data-testid="public-description"
      />
      <p id={`${ids.description}-hint`} className="public-muted">
        {t('publicReport.descriptionHint')}
      </p>

      <label htmlFor={ids.photo}>{t('publicReport.photo')}</label>
      <input
        id={ids.photo}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        data-testid="public-photo"
      />
      {preview && (
        <div className="public-photo">
          <img src={preview} alt="" />
          <button
            type="button"
            className="public-button public-button--secondary"
            onClick={() => setPhoto(null)}
          >
            {t('publicReport.removePhoto')}
          </button>
        </div>
      )}
      <p className="public-muted">{t('publicReport.photoHint')}</p>

      <fieldset className="public-contact">
        <legend>{t('publicReport.contact')}</legend>
        <label htmlFor={ids.name}>{t('publicReport.name')}</label>
        <input
          id={ids.name}
          value={name}
          maxLength={25}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
        />
        <label htmlFor={ids.phone}>{t('publicReport.phone')}</label>
        <input
          id={ids.phone}
          value={phone}
          inputMode="tel"
          maxLength={20}
          onChange={(e) => setPhone(e.target.value)}
          autoComplete="tel"
        />
      </fieldset>

      {problems.length > 0 && (
        <ul className="public-problems" role="alert" data-testid="public-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <button type="submit" className="public-button" disabled={sending} data-testid="public-submit">
        {sending ? t('publicReport.submitting') : t('publicReport.submit')}
      </button>
    </form>
  );
}
