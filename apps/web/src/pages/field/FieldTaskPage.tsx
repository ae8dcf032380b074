import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FieldLayout, TaskAnswer } from '../../modules/field';

export function FieldTaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <FieldLayout title={t('field.tasks.open')} back="/field/tasks">
      <TaskAnswer key={id} caseId={id} />
    </FieldLayout>
  );
}
