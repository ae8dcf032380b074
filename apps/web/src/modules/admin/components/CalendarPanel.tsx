import type { CalendarDay, CalendarDayKind, WorkingWindow } from '@urbangrid/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { useAsync } from '../../dashboard';
import { fetchCalendar, importHolidays, putCalendar, type CalendarView } from '../api/admin-api';
import { daysOfYear, toggleWeekday, upsertDay } from '../utils/calendar-edit';

/** The editable copy of a calendar: its week and the overrides of one year. */
function CalendarEditor({
  calendar,
  year,
  onSaved,
}: {
  calendar: CalendarView;
  year: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [weekdays, setWeekdays] = useState(calendar.weekdays);
  const [windows, setWindows] = useState<WorkingWindow[]>(calendar.windows);
  const [days, setDays] = useState<CalendarDay[]>(daysOfYear(calendar.days, year));
  const [draft, setDraft] = useState<CalendarDay>({ date: `${year}-01-01`, kind: 'holiday', name: '' });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    setMessage(null);
    try {
      await action();
      setMessage(t('admin.saved'));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <fieldset className="admin-fieldset">
        <legend>{t('admin.calendar.week')}</legend>
        <div className="admin-form">
          {([1, 2, 3, 4, 5, 6, 7] as const).map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={weekdays.includes(d)}
                onChange={() => setWeekdays(toggleWeekday(weekdays, d))}
              />
              {t(`admin.calendar.weekdays.${d}`)}
            </label>
          ))}
        </div>
        <div className="admin-form">
          {windows.map((w, k) => (
            <span key={k} className="admin-inline">
              <label>
                <span className="visually-hidden">{t('admin.calendar.windowStart')}</span>
                <input
                  type="time"
                  value={w.start}
                  onChange={(e) =>
                    setWindows(windows.map((x, i) => (i === k ? { ...x, start: e.target.value } : x)))
                  }
                />
              </label>
              –
              <label>
                <span className="visually-hidden">{t('admin.calendar.windowEnd')}</span>
                <input
                  type="time"
                  value={w.end}
                  onChange={(e) =>
                    setWindows(windows.map((x, i) => (i === k ? { ...x, end: e.target.value } : x)))
                  }
                />
              </label>
            </span>
          ))}
          <button
            type="button"
            className="ug-button"
            onClick={() =>
              void run(() =>
                putCalendar({ name: calendar.name, timeZone: calendar.timeZone, windows, weekdays }),
              )
            }
          >
            {t('admin.calendar.saveWeek')}
          </button>
        </div>
      </fieldset>
      <fieldset className="admin-fieldset">
        <legend>{t('admin.calendar.days', { year })}</legend>
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.date.startsWith(`${year}-`) && draft.name.trim())
              setDays(upsertDay(days, { ...draft, name: draft.name.trim() }));
          }}
        >
          <label>
            {t('admin.calendar.date')}
            <input
              type="date"
              value={draft.date}
              min={`${year}-01-01`}
              max={`${year}-12-31`}
              onChange={(e) => setDraft({ ...draft, date: e.target.value })}
            />
          </label>
          <label>
            {t('admin.calendar.kind')}
            <select
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as CalendarDayKind })}
            >
              <option value="holiday">{t('admin.calendar.holiday')}</option>
              <option value="adjusted_workday">{t('admin.calendar.adjustedWorkday')}</option>
            </select>
          </label>
          <label>
            {t('admin.calendar.name')}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <button type="submit" className="ug-button ug-button--small">
            {t('admin.calendar.addDay')}
          </button>
        </form>
        <div className="evaluation-tables__scroll">
          <table className="leader-table" data-testid="calendar-days">
            <thead>
              <tr>
                <th scope="col">{t('admin.calendar.date')}</th>
                <th scope="col">{t('admin.calendar.kind')}</th>
                <th scope="col">{t('admin.calendar.name')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.calendar.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr
                  key={d.date}
                  className={d.kind === 'holiday' ? 'calendar-day--holiday' : 'calendar-day--workday'}
                >
                  <td>{d.date}</td>
                  <td>
                    {d.kind === 'holiday' ? t('admin.calendar.holiday') : t('admin.calendar.adjustedWorkday')}
                  </td>
                  <td>{d.name}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('admin.calendar.removeDay', { date: d.date })}
                      onClick={() => setDays(days.filter((x) => x.date !== d.date))}
                    >
                      {t('admin.calendar.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="button"
          className="ug-button"
          onClick={() => void run(() => importHolidays(year, days, 'admin'))}
        >
          {t('admin.calendar.saveYear', { year })}
        </button>
      </fieldset>
      {message && <p role="status">{message}</p>}
      {error !== null && <CaseError error={error} />}
    </>
  );
}

/** 工作日历: working weekdays and hours, and each year's holidays and 调休 working days. */
export function CalendarPanel() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { state, reload } = useAsync(`calendar:${year}`, (signal) => fetchCalendar(year, signal));
  return (
    <section className="leader-card">
      <h2>{t('admin.calendar.title')}</h2>
      <div className="admin-form">
        <label>
          {t('admin.calendar.year')}
          <input
            type="number"
            value={year}
            min={2000}
            max={2100}
            onChange={(e) => setYear(Number(e.target.value) || year)}
          />
        </label>
      </div>
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {state?.status === 'loading' && <p className="dashboard-muted">{t('dashboard.loading')}</p>}
      {state?.status === 'ready' && (
        <CalendarEditor
          key={`${year}:${state.value.days.length}`}
          calendar={state.value}
          year={year}
          onSaved={reload}
        />
      )}
    </section>
  );
}
