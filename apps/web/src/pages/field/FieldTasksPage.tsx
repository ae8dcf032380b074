import { useTranslation } from 'react-i18next';
import { FieldLayout, TaskList } from '../../modules/field';

export function FieldTasksPage() {
  const { t } = useTranslation();
  return (
    <FieldLayout title={t('field.tasks.title')} back="/field">
      <TaskList />
    </FieldLayout>
  );
}
