import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Tag } from 'antd';
import { useRef, useState } from 'react';
import type { ProductOption } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { cleanText } from '../graphemes';

export const MAX_OPTIONS = 3;
let nextKey = 1;
type Props = { options: ProductOption[]; onChange: (o: ProductOption[]) => void };

/** Variant options (颜色, 尺码…), each with its values; at most 3. */
export function VariantsEditor({ options, onChange }: Props) {
  const { t } = useI18n();
  // Stable keys for the rows (options are edited here only, so the two lists stay in step).
  const keys = useRef<number[]>([]);
  while (keys.current.length < options.length) keys.current.push(nextKey++);
  const set = (i: number, o: ProductOption) => onChange(options.map((x, j) => (j === i ? o : x)));
  return (
    <div data-testid="variants">
      {options.map((o, i) => (
        <OptionRow
          key={keys.current[i]}
          index={i}
          option={o}
          onChange={(x) => set(i, x)}
          onRemove={() => {
            keys.current.splice(i, 1);
            onChange(options.filter((_, j) => j !== i));
          }}
        />
      ))}
      {options.length < MAX_OPTIONS && (
        <Button
          icon={<PlusOutlined />}
          type="dashed"
          block
          onClick={() =>
            onChange([...options, { name: options.length === 0 ? t('shop.prod.colour') : '', values: [] }])
          }
          data-testid="variant-add"
        >
          {t('shop.prod.addOption')}
        </Button>
      )}
    </div>
  );
}

function OptionRow({
  index,
  option,
  onChange,
  onRemove,
}: {
  index: number;
  option: ProductOption;
  onChange: (o: ProductOption) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const add = () => {
    // "红, 蓝、绿" adds three values; duplicates are ignored.
    const values = draft
      .split(/[,，、;；\n]/)
      .map(cleanText)
      .filter(Boolean);
    const next = [...option.values];
    for (const v of values) if (!next.includes(v)) next.push(v);
    onChange({ ...option, values: next });
    setDraft('');
  };
  return (
    <div className="kd-shop-item" data-testid={`variant-${index}`}>
      <div className="kd-shop-item-head">
        <Input
          value={option.name}
          onChange={(e) => onChange({ ...option, name: e.target.value })}
          placeholder={t('shop.prod.optionName')}
          maxLength={20}
          style={{ flex: 1 }}
          data-testid={`variant-name-${index}`}
        />
        <Button
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('shop.prod.removeOption')}
          data-testid={`variant-remove-${index}`}
        />
      </div>
      <div className="kd-shop-values">
        {option.values.map((v) => (
          <Tag
            key={v}
            closable
            onClose={(e) => {
              e.preventDefault();
              onChange({ ...option, values: option.values.filter((x) => x !== v) });
            }}
            data-testid={`variant-value-${index}`}
          >
            {v}
          </Tag>
        ))}
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            add();
          }}
          placeholder={t('shop.prod.valuePlaceholder')}
          data-testid={`variant-value-input-${index}`}
        />
        <Button onClick={add} disabled={!draft.trim()} data-testid={`variant-value-add-${index}`}>
          {t('shop.prod.addValue')}
        </Button>
      </Space.Compact>
    </div>
  );
}
