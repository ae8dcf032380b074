import { ROLE_CODES, type RoleCode } from '@urbangrid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { useAsync } from '../../dashboard';
import { createDepartment, createUser, fetchDepartments, fetchUsers, setUserActive } from '../api/admin-api';

/** 用户、部门、角色: users with their role and department, and the department tree. */
export function UsersPanel() {
  const { t } = useTranslation();
  const users = useAsync('users', fetchUsers);
  const departments = useAsync('departments', fetchDepartments);
  const [draft, setDraft] = useState({
    username: '',
    displayName: '',
    role: 'operator' as RoleCode,
    departmentId: '',
    password: '',
  });
  const [dept, setDept] = useState({ code: '', name: '', parentId: '' });
  const [error, setError] = useState<unknown>(null);
  const depts = departments.state?.status === 'ready' ? departments.state.value : [];
  const deptName = (id: string | null) => depts.find((d) => d.id === id)?.name ?? '—';

  const run = (action: Promise<unknown>, after: () => void) => {
    setError(null);
    action.then(after, setError);
  };

  return (
    <>
      <section className="leader-card">
        <h2>{t('admin.users.title')}</h2>
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            run(createUser({ ...draft, departmentId: draft.departmentId || null }), () => {
              setDraft({ ...draft, username: '', displayName: '', password: '' });
              users.reload();
            });
          }}
        >
          <label>
            {t('admin.users.username')}
            <input
              value={draft.username}
              onChange={(e) => setDraft({ ...draft, username: e.target.value })}
              required
              autoComplete="off"
            />
          </label>
          <label>
            {t('admin.users.displayName')}
            <input
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
              required
            />
          </label>
          <label>
            {t('admin.users.role')}
            <select
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value as RoleCode })}
            >
              {ROLE_CODES.map((r) => (
                <option key={r} value={r}>
                  {t(`auth.roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('admin.users.department')}
            <select
              value={draft.departmentId}
              onChange={(e) => setDraft({ ...draft, departmentId: e.target.value })}
            >
              <option value="">—</option>
              {depts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('admin.users.password')}
            <input
              type="password"
              value={draft.password}
              onChange={(e) => setDraft({ ...draft, password: e.target.value })}
              required
              minLength={8}
              autoComplete="new-password"
            />
          </label>
          <button type="submit" className="ug-button">
            {t('admin.users.add')}
          </button>
        </form>
        {error !== null && <CaseError error={error} />}
        {users.state?.status === 'error' && <CaseError error={users.state.error} onRetry={users.reload} />}
        {users.state?.status === 'ready' && (
          <div className="evaluation-tables__scroll">
            <table className="leader-table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.username')}</th>
                  <th scope="col">{t('admin.users.displayName')}</th>
                  <th scope="col">{t('admin.users.role')}</th>
                  <th scope="col">{t('admin.users.department')}</th>
                  <th scope="col">{t('admin.users.state')}</th>
                </tr>
              </thead>
              <tbody>
                {users.state.value.map((u) => (
                  <tr key={u.id}>
                    <td>{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{t(`auth.roles.${u.role}`)}</td>
                    <td>{deptName(u.departmentId)}</td>
                    <td>
                      <label className="admin-inline">
                        <input
                          type="checkbox"
                          checked={u.active}
                          onChange={(e) => run(setUserActive(u.id, e.target.checked), users.reload)}
                        />
                        {u.active ? t('admin.users.active') : t('admin.users.inactive')}
                      </label>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="leader-card">
        <h2>{t('admin.departments.title')}</h2>
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              createDepartment({ code: dept.code, name: dept.name, parentId: dept.parentId || null }),
              () => {
                setDept({ code: '', name: '', parentId: '' });
                departments.reload();
              },
            );
          }}
        >
          <label>
            {t('admin.departments.code')}
            <input value={dept.code} onChange={(e) => setDept({ ...dept, code: e.target.value })} required />
          </label>
          <label>
            {t('admin.departments.name')}
            <input value={dept.name} onChange={(e) => setDept({ ...dept, name: e.target.value })} required />
          </label>
          <label>
            {t('admin.departments.parent')}
            <select value={dept.parentId} onChange={(e) => setDept({ ...dept, parentId: e.target.value })}>
              <option value="">—</option>
              {depts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="ug-button">
            {t('admin.departments.add')}
          </button>
        </form>
        {departments.state?.status === 'error' && (
          <CaseError error={departments.state.error} onRetry={departments.reload} />
        )}
        <ul className="admin-list" data-testid="departments-list">
          {depts.map((d) => (
            <li key={d.id}>
              <code>{d.code}</code> {d.name}
              {d.parentId && <span className="dashboard-muted"> ← {deptName(d.parentId)}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
