import type { CaseDetail, CaseSummary, CityInfo } from '@urbangrid/contracts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, useNavigate } from 'react-router';
import { useAuth } from '../../auth';
import type { AsyncState } from '../../map/hooks/async-state';
import { useCaseDetail } from '../hooks/useCaseDetail';
import { useCaseList } from '../hooks/useCaseList';
import { useNow } from '../hooks/useNow';
import { DESKS, OPEN_STATES, deskAccess, homePathFor, visibleDesks, type DeskId } from '../state/desks';
import { activeDeadline } from '../utils/countdown';
import { sortDispatchQueue } from '../utils/queue-sort';
import { registerSourcesFor } from '../utils/register-form';
import { CaseDetailView } from './CaseDetailView';
import { CaseError } from './CaseError';
import { CaseList } from './CaseList';
import { CasesMap } from './CasesMap';
import { RegisterForm } from './RegisterForm';

/** Route of the registration form on its own page (phones, and the leader's 领导交办). */
export const REGISTER_PATH = '/desk/register';

const WIDE = '(min-width: 1000px)';

export interface DeskViewProps {
  desk: DeskId;
  city: AsyncState<CityInfo>;
}

/** Links between the desks a role may open, and back to the map. */
export function DeskNav() {
  const { t } = useTranslation();
  const role = useAuth().user?.role;
  if (!role) return null;
  return (
    <nav className="desk-nav" aria-label={t('cases.desks.nav')}>
      {visibleDesks(role).map((d) => (
        <NavLink key={d.id} to={d.path} className="desk-nav__link">
          {t(`cases.desks.${d.id}.title`)}
        </NavLink>
      ))}
      {role === 'leader' && (
        <NavLink to={REGISTER_PATH} className="desk-nav__link">
          {t('cases.register.openLeader')}
        </NavLink>
      )}
      <NavLink to="/map" className="desk-nav__link">
        {t('cases.desks.map')}
      </NavLink>
    </nav>
  );
}

/**
 * A desk: the cases waiting for its role (the dispatch desk adds the map of open cases and sorts
 * its queue by urgency, then deadline). On a wide screen the chosen case opens beside the list;
 * on a phone it opens its own page.
 */
export function DeskView({ desk: deskId, city }: DeskViewProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const role = useAuth().user?.role;
  const desk = DESKS[deskId];
  const now = useNow();
  const query = useMemo(() => ({ state: [...desk.states], limit: 50 }), [desk]);
  const list = useCaseList(query);
  const isDispatch = deskId === 'dispatch';
  const mapQuery = useMemo(() => ({ state: [...OPEN_STATES], limit: 200 }), []);
  const openCases = useCaseList(isDispatch ? mapQuery : null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = useCaseDetail(selectedId);
  /** The registration form is open in the side panel (wide screens). */
  const [registering, setRegistering] = useState(false);

  useEffect(() => {
    document.title = t(`cases.desks.${deskId}.title`);
  }, [deskId, t]);

  const items = useMemo(() => (isDispatch ? sortDispatchQueue(list.items) : list.items), [isDispatch, list.items]);
  const points = useMemo(
    () =>
      isDispatch
        ? openCases.items.map((c) => ({ id: c.id, position: c.position, colour: activeDeadline(c.clock)?.colour ?? null }))
        : [],
    [isDispatch, openCases.items],
  );

  const select = useCallback(
    (id: string) => {
      if (window.matchMedia(WIDE).matches) {
        setRegistering(false);
        setSelectedId(id);
      } else void navigate(`/cases/${id}`);
    },
    [navigate],
  );
  const { replace } = selected;
  const { reload: reloadList } = list;
  const { reload: reloadMap } = openCases;
  const onChanged = useCallback(
    (next: CaseDetail) => {
      replace(next);
      reloadList();
      reloadMap();
    },
    [replace, reloadList, reloadMap],
  );

  if (!role) return null;
  const access = deskAccess(desk, role);
  if (access === 'none') return <Navigate to={homePathFor(role) ?? '/'} replace />;
  // 登记: the operator registers public reports at the intake desk.
  const canRegister = deskId === 'intake' && access === 'work' && registerSourcesFor(role) !== null;
  const openRegister = () => {
    if (window.matchMedia(WIDE).matches) {
      setSelectedId(null);
      setRegistering(true);
    } else void navigate(REGISTER_PATH);
  };
  const onRegistered = (created: CaseDetail) => {
    setRegistering(false);
    setSelectedId(created.id);
    replace(created);
    reloadList();
  };
  const panelOpen = selectedId !== null || registering;

  return (
    <div className={`desk desk--${deskId}`} data-desk={deskId}>
      <DeskNav />
      <header className="desk__header">
        <h1 className="desk__title">{t(`cases.desks.${deskId}.title`)}</h1>
        <p className="desk__description">{t(`cases.desks.${deskId}.description`)}</p>
        {access === 'read' && <p className="desk__readonly">{t('cases.desks.readOnly')}</p>}
        {canRegister && (
          <button
            type="button"
            className="ug-button ug-button--small"
            onClick={openRegister}
            aria-expanded={registering}
            data-testid="register-open"
          >
            {t('cases.register.open')}
          </button>
        )}
        <button type="button" className="ug-button ug-button--small ug-button--secondary" onClick={list.reload}>
          {t('cases.list.reload')}
        </button>
      </header>
      <div className={`desk__body${panelOpen ? ' desk__body--with-detail' : ''}`}>
        {isDispatch && (
          <div className="desk__map">
            <CasesMap city={city} points={points} selectedId={selectedId} onSelect={select} label={t('cases.mapLabel')} />
          </div>
        )}
        <div className="desk__list">
          {isDispatch && <h2 className="desk__subtitle">{t('cases.desks.queue')}</h2>}
          <CaseList
            label={isDispatch ? t('cases.desks.queue') : t(`cases.desks.${deskId}.title`)}
            items={items}
            now={now}
            loading={list.loading}
            error={list.error}
            hasMore={list.hasMore}
            onLoadMore={list.loadMore}
            onRetry={list.reload}
            prefer={desk.prefer}
            selectedId={selectedId}
            onSelect={(c: CaseSummary) => select(c.id)}
          />
        </div>
        {registering && (
          <div className="desk__detail desk__register">
            <RegisterForm
              city={city}
              sources={registerSourcesFor(role) ?? []}
              onCreated={onRegistered}
              onClose={() => setRegistering(false)}
            />
          </div>
        )}
        {selectedId && (
          <div className="desk__detail">
            <button type="button" className="ug-button ug-button--small ug-button--secondary desk__close" onClick={() => setSelectedId(null)}>
              {t('cases.detail.close')}
            </button>
            {selected.error !== null && <CaseError error={selected.error} onRetry={selected.reload} />}
            {selected.loading && !selected.detail && (
              <p role="status">
                <span className="ug-spinner" aria-hidden="true" /> {t('cases.detail.loading')}
              </p>
            )}
            {selected.detail && selected.detail.id === selectedId && (
              <CaseDetailView
                detail={selected.detail}
                now={now}
                city={city}
                onChanged={onChanged}
                onConflict={selected.reload}
                showMap={!isDispatch}
                headingLevel={2}
              />
            )}
          </div>
        )}
      </div>
    </div>
  );
}
