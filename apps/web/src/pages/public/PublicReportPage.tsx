import { PublicReport } from '../../modules/public-report';

/** `/report`: the citizens' reporting page, outside the sign-in (Open311 public web channel). */
export function PublicReportPage() {
  return <PublicReport />;
}
