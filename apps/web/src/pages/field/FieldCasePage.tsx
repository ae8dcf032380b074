import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CaseView, FieldLayout } from '../../modules/field';

export function FieldCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <FieldLayout title={t('field.case.title')} back="/field/reports">
      <CaseView key={id} caseId={id} />
    </FieldLayout>
  );
}
