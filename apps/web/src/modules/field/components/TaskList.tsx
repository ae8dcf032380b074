import { useTranslation } from 'react-i18next';
import { fetchCases } from '../api/field-api';
import { useAsyncValue } from '../hooks/useAsyncValue';
import { useOnline } from '../hooks/useOnline';
import { formatDateTime } from '../utils/format';
import { CaseCard } from './CaseCard';
import { FieldError } from './FieldError';
import { FieldLoading } from './FieldLayout';

/** 我的任务: verify (核实) and check (核查) tasks waiting for this inspector. */
export function TaskList() {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const { state, reload } = useAsyncValue(online ? 'tasks' : null, (signal) =>
    fetchCases({ mine: true }, signal),
  );
  if (!online) return <p className="field-empty">{t('field.home.tasksOffline')}</p>;
  if (!state || state.status === 'loading') return <FieldLoading />;
  if (state.status === 'error') return <FieldError error={state.error} onRetry={reload} />;
  const verify = state.value.items.filter((c) => c.state === 'VERIFYING');
  const check = state.value.items.filter((c) => c.state === 'CHECKING');
  if (verify.length + check.length === 0) return <p className="field-empty">{t('field.tasks.empty')}</p>;
  const group = (title: string, list: typeof verify, id: string) =>
    list.length > 0 && (
      <section className="field-section" aria-labelledby={id}>
        <h2 id={id} className="field-section__title">
          {title} <span className="field-count">{list.length}</span>
        </h2>
        <ul className="field-list" data-testid={id}>
          {list.map((c) => (
            <CaseCard
              key={c.id}
              item={c}
              to={`/field/tasks/${c.id}`}
              action={
                c.clock.stageDeadline
                  ? `${t('field.tasks.deadline', { time: formatDateTime(c.clock.stageDeadline, i18n.language) })} · ${t('field.tasks.open')}`
                  : t('field.tasks.open')
              }
            />
          ))}
        </ul>
      </section>
    );
  return (
    <>
      {group(t('field.tasks.verify'), verify, 'tasks-verify')}
      {group(t('field.tasks.check'), check, 'tasks-check')}
    </>
  );
}
