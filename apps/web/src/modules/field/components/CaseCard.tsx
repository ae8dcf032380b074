import type { CaseSummary } from '@urbangrid/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../utils/format';

/** One case in a field list: number, state, class, where and when. */
export function CaseCard({ item, to, action }: { item: CaseSummary; to: string; action?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="field-card" data-testid="case-card" data-case-no={item.caseNo}>
      <Link to={to} className="field-card__link">
        <div className="field-card__row">
          <strong className="field-card__title">{item.className ?? item.classCode}</strong>
          <span className={`field-state field-state--${item.state.toLowerCase()}`}>
            {t(`cases.states.${item.state}`)}
          </span>
        </div>
        <p className="field-card__text">{item.description}</p>
        <p className="field-muted">
          {item.caseNo} · {formatDateTime(item.reportedAt, i18n.language)}
          {item.address ? ` · ${item.address}` : ''}
        </p>
        {action && <span className="field-card__action">{action} ›</span>}
      </Link>
    </li>
  );
}
