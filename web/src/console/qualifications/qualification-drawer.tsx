import { CheckOutlined, CloseOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Space, Spin, Typography } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { Link } from '../../router/link';
import { AuthImage } from '../auth-image';
import { claimQualification, getQualification, qualificationDocumentPath } from '../shop-api';
import { formatDateTime } from '../time';
import { useCategoryName } from '../use-category-names';
import { useConsoleI18n } from '../use-console-i18n';
import { canDecide, useOperator, useOperatorName } from '../use-operator';
import { QualificationDecisionForm } from './qualification-decision-form';
import { QualificationHistory } from './qualification-history';
import { QualificationStatusTag } from './qualification-status-tag';

/** One qualification: the document (audited view), its shop and category, history, claim and decision. */
export function QualificationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, lang, label } = useConsoleI18n();
  const me = useOperator();
  const nameOf = useOperatorName();
  const categoryName = useCategoryName();
  const qc = useQueryClient();
  const { message } = App.useApp();

  const details = useQuery({
    queryKey: ['console', 'qualification', id],
    queryFn: () => getQualification(id!),
    enabled: !!id,
  });
  const claim = useMutation({
    mutationFn: claimQualification,
    onSuccess: async () => {
      message.success({ content: t('console.claimed'), key: 'console-action' });
      await qc.invalidateQueries({ queryKey: ['console', 'qualification', id] });
      await qc.invalidateQueries({ queryKey: ['console', 'qualifications'] });
    },
  });

  const q = details.data?.qualification;
  const shop = details.data?.shop;
  const history = details.data?.history ?? [];
  const mine = !!q && !!me && q.claimedBy === me.id;
  const pending = q?.status === 'pending_review';

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={760}
      destroyOnHidden
      title={
        q ? (
          <Space>
            {lang === 'en' ? q.nameEn : q.nameZh}
            <QualificationStatusTag status={q.status} reason={q.reason} />
          </Space>
        ) : (
          t('console.qual.drawerTitle')
        )
      }
      data-testid="qual-drawer"
    >
      {details.isPending && id ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : details.error ? (
        <ProblemAlert error={details.error} />
      ) : q ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {pending && !mine && (
            <Alert
              type="info"
              showIcon
              icon={<LockOutlined />}
              title={
                !canDecide(me)
                  ? t('console.action.readOnly')
                  : q.claimedBy
                    ? t('console.action.claimedByOther', { who: nameOf(q.claimedBy) ?? '' })
                    : t('console.qual.claimFirst')
              }
              action={
                canDecide(me) && !q.claimedBy ? (
                  <Button
                    type="primary"
                    loading={claim.isPending}
                    onClick={() => claim.mutate(q.id)}
                    data-testid="qual-claim"
                  >
                    {t('console.claim')}
                  </Button>
                ) : undefined
              }
              data-testid="qual-claim-hint"
            />
          )}
          <Descriptions size="small" column={2} bordered data-testid="qual-details">
            <Descriptions.Item label={t('console.qual.col.shop')} span={2}>
              {shop ? (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong data-testid="qual-shop-name">
                    {shop.name}
                  </Typography.Text>
                  <Space size={8}>
                    <Typography.Text code copyable style={{ fontSize: 12 }}>
                      {shop.id}
                    </Typography.Text>
                    <Link
                      to={`/console/shops/deposit?shop=${encodeURIComponent(shop.id)}`}
                      data-testid="qual-shop-deposit-link"
                    >
                      {t('console.shops.depositLink')}
                    </Link>
                  </Space>
                </Space>
              ) : (
                <Typography.Text code>{q.shopId}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.qual.category')}>
              <span data-testid="qual-category">{categoryName(shop?.categoryId)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.qual.shopStatus')}>
              {label('console.shop.status', shop?.status)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.qual.code')}>
              <Typography.Text code style={{ fontSize: 12 }}>
                {q.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.col.submittedAt')}>
              {formatDateTime(q.submittedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.col.claimedBy')}>
              {q.claimedBy ? nameOf(q.claimedBy) : t('console.unclaimed')}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.qual.col.decidedAt')}>
              {formatDateTime(q.decidedAt, lang)}
            </Descriptions.Item>
            {q.reason && (
              <Descriptions.Item label={t('console.qual.reasonLabel')} span={2}>
                {label('console.qual.reason', q.reason)}
              </Descriptions.Item>
            )}
          </Descriptions>

          <Card
            size="small"
            title={t('console.qual.document')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('console.doc.audited')}
              </Typography.Text>
            }
          >
            <div style={{ display: 'flex', justifyContent: 'center', background: '#fafafa' }}>
              <AuthImage
                path={qualificationDocumentPath(q.id)}
                alt={lang === 'en' ? q.nameEn : q.nameZh}
                width={680}
                height={340}
                testId="qual-document"
              />
            </div>
          </Card>

          <ProblemAlert error={claim.error} />
          {pending && mine && <QualificationDecisionForm id={q.id} />}
          {!pending && (
            <Alert
              type={q.status === 'approved' ? 'success' : 'warning'}
              showIcon
              icon={q.status === 'approved' ? <CheckOutlined /> : <CloseOutlined />}
              title={label('console.qual.decided', q.status)}
              data-testid="qual-decided"
            />
          )}

          <Card size="small" title={t('console.case.history')}>
            {history.length ? (
              <QualificationHistory history={history} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Space>
      ) : null}
    </Drawer>
  );
}
