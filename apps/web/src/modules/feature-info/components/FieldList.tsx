export interface Field {
  label: string;
  value: string | null;
  /** data-field attribute (test hook). */
  name: string;
}

/** Label/value pairs; fields without a value are left out. */
export function FieldList({ fields }: { fields: readonly Field[] }) {
  return (
    <dl className="feature-info__fields">
      {fields
        .filter((field) => field.value !== null && field.value !== '')
        .map((field) => (
          <div key={field.name} className="feature-info__field" data-field={field.name}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
    </dl>
  );
}
