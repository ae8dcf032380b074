import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../map/api/errors';
import type { Lookup } from '../hooks/useFeatureInfo';

export interface LookupSectionProps<T> {
  title: string;
  state: Lookup<T>;
  /** Shown when the lookup found nothing. */
  empty: string;
  children: (value: T) => ReactNode;
  testId?: string;
}

/** One titled part of the info panel with its own loading, empty and error states. */
export function LookupSection<T>({ title, state, empty, children, testId }: LookupSectionProps<T>) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (state.status === 'loading') {
    body = <p className="feature-info__muted">{t('featureInfo.loading')}</p>;
  } else if (state.status === 'error') {
    const description = describeError(state.error);
    body = (
      <p className="feature-info__error" role="alert">
        {description.kind === 'message' ? t(description.key, description.values) : description.text}
      </p>
    );
  } else if (state.value === null) {
    body = <p className="feature-info__muted">{empty}</p>;
  } else {
    body = children(state.value);
  }
  return (
    <section className="feature-info__section" aria-busy={state.status === 'loading'} data-testid={testId}>
      <h3 className="feature-info__section-title">{title}</h3>
      {body}
    </section>
  );
}
