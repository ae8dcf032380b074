import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { useAsync } from '../../dashboard';
import { fetchEvaluationProfiles } from '../api/admin-api';

/** 评价方案: the stored evaluation profiles (shipped ones and the city's own versions). */
export function ProfilesPanel() {
  const { t } = useTranslation();
  const { state, reload } = useAsync('profiles', fetchEvaluationProfiles);
  return (
    <section className="leader-card">
      <h2>{t('admin.profiles.title')}</h2>
      <p className="dashboard-muted">{t('admin.profiles.hint')}</p>
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {state?.status === 'loading' && <p className="dashboard-muted">{t('dashboard.loading')}</p>}
      {state?.status === 'ready' && (
        <table className="leader-table" data-testid="profiles-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.profiles.id')}</th>
              <th scope="col">{t('admin.profiles.version')}</th>
              <th scope="col">{t('admin.profiles.name')}</th>
              <th scope="col">{t('admin.profiles.origin')}</th>
              <th scope="col">{t('admin.profiles.created')}</th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((p) => (
              <tr key={`${p.id}:${p.version}`}>
                <td>
                  <code>{p.id}</code>
                </td>
                <td>{p.version}</td>
                <td className="leader-table__wrap">{p.name}</td>
                <td>
                  {p.shipped
                    ? t('admin.profiles.shipped')
                    : p.basedOn
                      ? t('admin.profiles.variant', { base: p.basedOn })
                      : t('admin.profiles.own')}
                </td>
                <td>{p.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
