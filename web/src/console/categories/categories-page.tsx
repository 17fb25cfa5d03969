import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formatFen } from '../money';
import { PageHead } from '../page-head';
import type { AdminCategory } from '../shop-types';
import { useCategoryTree } from '../use-category-names';
import { useConsoleI18n } from '../use-console-i18n';
import { useOperator } from '../use-operator';
import { CategoryEditDrawer } from './category-edit-drawer';

type Row = AdminCategory & { children?: AdminCategory[] };

/** SHOP-2/3, DEP-1 configuration: the category tree with qualifications, deposit and review flags. */
export function CategoriesPage() {
  const { t, lang, label } = useConsoleI18n();
  const op = useOperator();
  const isAdmin = op?.role === 'admin';
  const tree = useCategoryTree();
  const [editing, setEditing] = useState<AdminCategory | null>(null);
  const qualName = (code: string) => {
    const q = tree.data?.qualifications.find((x) => x.code === code);
    return q ? (lang === 'en' ? q.nameEn : q.nameZh) : code;
  };
  const flag = (on: boolean | undefined, text: string, color: string) =>
    on ? <Tag color={color}>{text}</Tag> : null;

  const columns: ColumnsType<Row> = [
    {
      title: t('console.cat.col.name'),
      key: 'name',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong={c.level === 1} delete={c.status === 'disabled'}>
            {lang === 'en' ? c.nameEn : c.nameZh}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('console.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => (
        <Tag color={v === 'active' ? 'success' : 'default'}>{label('console.cat.status', v)}</Tag>
      ),
    },
    {
      title: t('console.cat.col.qualifications'),
      key: 'quals',
      render: (_, c) =>
        c.requirements ? (
          c.requirements.qualifications.length ? (
            <Space size={[4, 4]} wrap>
              {c.requirements.qualifications.map((q) => (
                <Tag key={q}>{qualName(q)}</Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('console.cat.none')}</Typography.Text>
          )
        ) : null,
    },
    {
      title: t('console.cat.col.deposit'),
      key: 'deposit',
      align: 'right',
      width: 130,
      render: (_, c) => (c.requirements ? formatFen(c.requirements.deposit.amountFen) : null),
    },
    {
      title: t('console.cat.col.flags'),
      key: 'flags',
      render: (_, c) =>
        c.requirements ? (
          <Space size={[4, 4]} wrap>
            {flag(c.requirements.manualReview, t('console.cat.manualReview'), 'orange')}
            {flag(c.requirements.highRisk, t('console.cat.highRisk'), 'red')}
            {flag(c.requirements.regulatedIndustry, t('console.cat.regulatedIndustry'), 'purple')}
          </Space>
        ) : null,
    },
    {
      title: t('console.col.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Tooltip title={isAdmin ? undefined : t('console.cat.adminOnly')}>
          <Button
            size="small"
            icon={<EditOutlined />}
            disabled={!isAdmin}
            onClick={() => setEditing(c)}
            data-testid={`cat-edit-${c.id}`}
          >
            {t('console.cat.edit')}
          </Button>
        </Tooltip>
      ),
    },
  ];

  return (
    <div data-testid="categories-page">
      <PageHead title={t('console.cat.title')} subtitle={t('console.cat.subtitle')} />
      <ProblemAlert error={tree.error} />
      <Card
        size="small"
        title={tree.data ? t('console.cat.version', { v: tree.data.version }) : null}
        extra={
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={tree.isFetching}
            onClick={() => tree.refetch()}
          >
            {t('console.refresh')}
          </Button>
        }
      >
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tree.data?.categories ?? []}
          loading={tree.isPending}
          pagination={false}
          expandable={{ defaultExpandAllRows: false }}
          locale={{ emptyText: t('console.cat.empty') }}
          data-testid="cat-table"
          onRow={(c) => ({ 'data-testid': `cat-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
      <CategoryEditDrawer category={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
