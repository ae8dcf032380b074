import { useTranslation } from 'react-i18next';
import { FieldLayout, ReportForm, type ReportMode } from '../../modules/field';

export function FieldReportPage({ mode }: { mode: ReportMode }) {
  const { t } = useTranslation();
  return (
    <FieldLayout
      title={mode === 'self' ? t('field.report.selfTitle') : t('field.report.title')}
      back="/field"
    >
      <ReportForm key={mode} mode={mode} />
    </FieldLayout>
  );
}
