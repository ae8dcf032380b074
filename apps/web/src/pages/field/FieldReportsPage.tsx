import { useTranslation } from 'react-i18next';
import { FieldLayout, MyReports } from '../../modules/field';

export function FieldReportsPage() {
  const { t } = useTranslation();
  return (
    <FieldLayout title={t('field.reports.title')} back="/field">
      <MyReports />
    </FieldLayout>
  );
}
