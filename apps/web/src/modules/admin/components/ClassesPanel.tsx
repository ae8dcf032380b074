import type { ClassificationTreeNode } from '@urbangrid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseError } from '../../cases/components/CaseError';
import { useAsync } from '../../dashboard';
import { createClass, fetchClassTree, renameClass } from '../api/admin-api';

/** One class with an inline rename form. */
function ClassNode({ node, onChanged }: { node: ClassificationTreeNode; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(node.name);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    try {
      await renameClass(node.kind, node.code, name.trim());
      setEditing(false);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li>
      <div className="class-node">
        <code>{node.code}</code>
        {editing ? (
          <form
            className="admin-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label className="visually-hidden" htmlFor={`class-${node.kind}-${node.code}`}>
              {t('admin.classes.name')}
            </label>
            <input
              id={`class-${node.kind}-${node.code}`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
            <button type="submit" className="ug-button ug-button--small">
              {t('admin.save')}
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(false)}>
              {t('admin.cancel')}
            </button>
          </form>
        ) : (
          <>
            <span>{node.name}</span>
            {node.origin === 'local' && <span className="admin-tag">{t('admin.classes.local')}</span>}
            <button
              type="button"
              className="link-button"
              onClick={() => setEditing(true)}
              aria-label={t('admin.classes.renameOf', { name: node.name })}
            >
              {t('admin.classes.rename')}
            </button>
          </>
        )}
      </div>
      {error !== null && <CaseError error={error} />}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <ClassNode key={`${c.kind}:${c.code}`} node={c} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** 部件/事件 class tree: browse, rename, add a local class (21+ big class, 9x small class). */
export function ClassesPanel() {
  const { t } = useTranslation();
  const { state, reload } = useAsync('classes', fetchClassTree);
  const [kind, setKind] = useState<'component' | 'event'>('event');
  const [draft, setDraft] = useState({ code: '', name: '', parentCode: '' });
  const [error, setError] = useState<unknown>(null);
  const add = async () => {
    setError(null);
    try {
      await createClass({
        kind,
        code: draft.code,
        name: draft.name,
        parentCode: draft.parentCode || undefined,
      });
      setDraft({ code: '', name: '', parentCode: '' });
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const items = state?.status === 'ready' ? state.value.items.filter((n) => n.kind === kind) : [];
  return (
    <section className="leader-card">
      <h2>{t('admin.classes.title')}</h2>
      <div className="admin-form">
        <label>
          {t('admin.classes.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'component' | 'event')}>
            <option value="event">{t('dashboard.classFilter.event')}</option>
            <option value="component">{t('dashboard.classFilter.component')}</option>
          </select>
        </label>
      </div>
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          {t('admin.classes.code')}
          <input
            value={draft.code}
            onChange={(e) => setDraft({ ...draft, code: e.target.value })}
            pattern="\d{2,7}"
            required
          />
        </label>
        <label>
          {t('admin.classes.parent')}
          <input
            value={draft.parentCode}
            onChange={(e) => setDraft({ ...draft, parentCode: e.target.value })}
            pattern="\d{2,5}"
          />
        </label>
        <label>
          {t('admin.classes.name')}
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
        </label>
        <button type="submit" className="ug-button">
          {t('admin.classes.add')}
        </button>
      </form>
      {error !== null && <CaseError error={error} />}
      {state?.status === 'error' && <CaseError error={state.error} onRetry={reload} />}
      {state?.status === 'loading' && <p className="dashboard-muted">{t('dashboard.loading')}</p>}
      <ul className="class-tree" data-testid="class-tree">
        {items.map((n) => (
          <ClassNode key={`${n.kind}:${n.code}`} node={n} onChanged={reload} />
        ))}
      </ul>
    </section>
  );
}
