import { useTranslation } from 'react-i18next';
import { FieldHome, FieldLayout } from '../../modules/field';

export function FieldHomePage() {
  const { t } = useTranslation();
  return (
    <FieldLayout title={t('field.title')}>
      <FieldHome />
    </FieldLayout>
  );
}
