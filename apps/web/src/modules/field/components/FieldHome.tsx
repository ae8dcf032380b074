import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserMenu } from '../../auth';
import { fetchCases } from '../api/field-api';
import { useAsyncValue } from '../hooks/useAsyncValue';
import { useFieldData } from '../hooks/useFieldData';
import { useGeolocation } from '../hooks/useGeolocation';
import { useOnline } from '../hooks/useOnline';
import { useOutbox } from '../hooks/useOutbox';
import { FieldError } from './FieldError';
import { FieldMap } from './FieldMap';
import { FieldLoading } from './FieldLayout';
import { MyReports } from './MyReports';

/** 首页: tasks waiting, the two report buttons, my grids and position, recent reports. */
export function FieldHome() {
  const { t } = useTranslation();
  const { profile, reload } = useFieldData();
  const online = useOnline();
  const items = useOutbox();
  const { state: geo } = useGeolocation();
  const tasks = useAsyncValue(online ? 'task-count' : null, (signal) => fetchCases({ mine: true }, signal));
  const waiting = items.filter((i) => i.status === 'waiting' || i.status === 'sending').length;

  if (profile.status === 'loading') return <FieldLoading />;
  if (profile.status === 'error') return <FieldError error={profile.error} onRetry={reload} />;
  const { me, grids, city } = profile.value;
  const taskCount =
    tasks.state?.status === 'ready'
      ? tasks.state.value.items.filter((c) => c.state === 'VERIFYING' || c.state === 'CHECKING').length
      : null;

  return (
    <div className="field-stack">
      <section className="field-section field-home__me">
        <p className="field-home__greeting">{t('field.home.greeting', { name: me.user.displayName })}</p>
        <UserMenu />
      </section>

      <Link to="/field/tasks" className="field-card field-tasks-card" data-testid="home-tasks">
        <span className="field-tasks-card__label">{t('field.home.tasks')}</span>
        <span className="field-tasks-card__count">
          {!online
            ? t('field.home.tasksOffline')
            : taskCount === null
              ? t('field.loading')
              : taskCount === 0
                ? t('field.home.noTasks')
                : t('field.home.tasksCount', { count: taskCount })}
        </span>
      </Link>

      <div className="field-home__buttons">
        <Link
          to="/field/report"
          className="field-button field-button--primary field-button--big"
          data-testid="home-report"
        >
          {t('field.home.report')}
        </Link>
        <Link to="/field/self-disposal" className="field-button field-button--secondary field-button--big">
          {t('field.home.selfDisposal')}
        </Link>
      </div>
      {waiting > 0 && (
        <Link to="/field/reports" className="field-banner field-banner--offline" data-testid="home-outbox">
          {t('field.home.outbox', { count: waiting })}
        </Link>
      )}

      <section className="field-section" aria-labelledby="home-map-title">
        <h2 id="home-map-title" className="field-section__title">
          {grids.length > 0 ? t('field.home.grids', { count: grids.length }) : t('field.home.noGrids')}
        </h2>
        <FieldMap
          label={t('field.map.label')}
          grids={grids}
          cityBounds={city.bounds}
          cityCenter={city.center}
          self={geo.status === 'fixed' ? geo.position : null}
          className="field-map--home"
        />
        {geo.status === 'unavailable' && <p className="field-muted">{t('field.map.noFix')}</p>}
      </section>

      <section className="field-section" aria-labelledby="home-recent">
        <div className="field-card__row">
          <h2 id="home-recent" className="field-section__title">
            {t('field.home.recent')}
          </h2>
          <Link to="/field/reports">{t('field.home.myReports')} ›</Link>
        </div>
        <MyReports limit={3} />
      </section>
    </div>
  );
}
