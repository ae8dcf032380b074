import { useCallback, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../map/api/errors';
import { candidateResult, useSearch, type SearchResult } from '../hooks/useSearch';
import { moveActiveIndex } from '../utils/classify-search';
import './search.css';

export interface SearchBoxProps {
  onResult: (result: SearchResult) => void;
}

/**
 * One search box for grid codes, component codes and addresses. A combobox: Enter searches (or
 * picks the highlighted address), arrow keys move through the candidates, Escape clears them.
 * On a phone it collapses to an icon button.
 */
export function SearchBox({ onResult }: SearchBoxProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [expanded, setExpanded] = useState(false);
  // On a phone the open search covers the map: fold it back to its icon once a result is shown.
  const showResult = useCallback(
    (result: SearchResult) => {
      setExpanded(false);
      onResult(result);
    },
    [onResult],
  );
  const { state, search, reset } = useSearch(showResult);
  const candidates = state.status === 'candidates' ? state.candidates : [];
  const listId = `${id}-list`;

  const choose = (index: number) => {
    const candidate = candidates[index];
    if (!candidate) return;
    setText(candidate.label);
    reset();
    setActive(-1);
    showResult(candidateResult(candidate));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (active >= 0 && active < candidates.length) choose(active);
    else {
      setActive(-1);
      void search(text);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (candidates.length === 0) return;
      event.preventDefault();
      setActive((current) =>
        moveActiveIndex(current, candidates.length, event.key === 'ArrowDown' ? 'down' : 'up'),
      );
    } else if (event.key === 'Escape' && state.status !== 'idle') {
      event.stopPropagation();
      reset();
      setActive(-1);
    }
  };

  let status: string | null = null;
  if (state.status === 'loading') status = t('search.loading');
  else if (state.status === 'empty') status = t(`search.empty.${state.what}`);
  else if (state.status === 'candidates') status = t('search.count', { count: candidates.length });
  let error: string | null = null;
  if (state.status === 'error') {
    const description = describeError(state.error);
    error = description.kind === 'message' ? t(description.key, description.values) : description.text;
  }

  return (
    <div className={`search${expanded ? ' search--expanded' : ''}`}>
      <button
        type="button"
        className="search__toggle"
        aria-expanded={expanded}
        aria-controls={`${id}-form`}
        aria-label={t('search.open')}
        title={t('search.open')}
        onClick={() => setExpanded((open) => !open)}
      >
        <span aria-hidden="true" className="search__icon" />
      </button>
      <form id={`${id}-form`} className="search__form" role="search" onSubmit={submit}>
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={`${id}-input`}
          className="search__input"
          type="search"
          value={text}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={candidates.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={`${id}-status`}
          data-testid="search-input"
          onChange={(event) => {
            setText(event.target.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="submit"
          className="search__submit"
          aria-label={t('search.submit')}
          title={t('search.submit')}
        >
          <span aria-hidden="true" className="search__icon" />
        </button>
      </form>
      <div
        id={`${id}-status`}
        className="search__status"
        role="status"
        aria-live="polite"
        hidden={status === null}
      >
        {state.status === 'loading' && <span className="ug-spinner" aria-hidden="true" />}
        {status}
      </div>
      {error !== null && (
        <p className="search__error" role="alert">
          {error}
        </p>
      )}
      <ul
        id={listId}
        className="search__list"
        role="listbox"
        aria-label={t('search.candidates')}
        hidden={candidates.length === 0}
      >
        {candidates.map((candidate, index) => (
          <li
            key={`${candidate.label}-${index}`}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="search__option"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(index)}
          >
            <span className="search__option-label">{candidate.label}</span>
            {candidate.regions && (
              <span className="search__option-detail">{candidate.regions.community.name}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
