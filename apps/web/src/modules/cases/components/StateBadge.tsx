import type { CaseState } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';

export function StateBadge({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <span className={`case-state case-state--${state.toLowerCase()}`} data-state={state}>
      {t(`cases.states.${state}`)}
    </span>
  );
}
