import { Card, Descriptions } from 'antd';
import { useConsoleI18n } from '../use-console-i18n';

/** Known subject fields first, in a reviewer's reading order; anything else the server adds after. */
const ORDER = [
  'name',
  'companyName',
  'uscc',
  'legalRepresentative.name',
  'legalRepresentative.idNumber',
  'idRegion',
  'idType',
  'documentType',
  'idNumber',
  'documentValidUntil',
];
const CODED = new Set(['idRegion', 'idType', 'documentType']);

function flatten(obj: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? flatten(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

/** The decrypted subject of the case (the server audits every view). */
export function SubjectCard({ subject }: { subject: Record<string, unknown> }) {
  const { t, label } = useConsoleI18n();
  const fields = flatten(subject).sort(
    ([a], [b]) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99),
  );
  const show = (key: string, v: unknown) => {
    if (typeof v === 'boolean') return t(v ? 'console.value.true' : 'console.value.false');
    if (CODED.has(key) && typeof v === 'string') return label('console.value', v);
    return v === null || v === undefined || v === '' ? '—' : String(v);
  };
  return (
    <Card size="small" title={t('console.case.subject')} data-testid="case-subject">
      <Descriptions
        size="small"
        column={2}
        bordered
        items={fields.map(([k, v]) => ({
          key: k,
          label: label('console.field', k),
          children: <span data-field={k}>{show(k, v)}</span>,
        }))}
      />
    </Card>
  );
}
