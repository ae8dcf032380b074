import type { CaseClockView } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { activeDeadline, countdownParts, currentColour, formatDuration } from '../utils/countdown';
import { formatDateTime } from '../utils/format';

export interface CountdownProps {
  clock: CaseClockView;
  now: number;
  prefer?: 'stage' | 'disposal';
  /** Show the deadline's date and time below the countdown. */
  showDeadline?: boolean;
}

/**
 * The time left on a case, coloured green / yellow / red and always with words (colour is never
 * the only signal): "剩余 3小时 5分 · 正常".
 */
export function Countdown({ clock, now, prefer = 'stage', showDeadline = false }: CountdownProps) {
  const { t, i18n } = useTranslation();
  const deadline = activeDeadline(clock, prefer);
  if (!deadline) return <span className="case-countdown case-countdown--none">{t('cases.countdown.none')}</span>;
  const colour = currentColour(deadline, now);
  const parts = countdownParts(deadline.deadline, now);
  const units = {
    day: t('cases.countdown.dayUnit'),
    hour: t('cases.countdown.hourUnit'),
    minute: t('cases.countdown.minuteUnit'),
  };
  const time = formatDuration(parts.minutes, units, i18n.language.startsWith('zh') ? '' : ' ');
  const text = deadline.paused
    ? t('cases.countdown.paused')
    : parts.overdue
      ? t('cases.countdown.overdue', { time })
      : t('cases.countdown.left', { time });
  return (
    <span className={`case-countdown case-countdown--${colour}`} data-colour={colour}>
      <span className="case-countdown__dot" aria-hidden="true" />
      <span>
        {text} · {t(`cases.colours.${colour}`)}
        {showDeadline && (
          <span className="case-countdown__at">{formatDateTime(deadline.deadline, i18n.language)}</span>
        )}
      </span>
    </span>
  );
}
