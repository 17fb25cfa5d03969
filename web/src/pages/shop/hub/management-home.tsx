import {
  AppstoreAddOutlined,
  BankOutlined,
  CustomerServiceOutlined,
  EyeOutlined,
  FileProtectOutlined,
  FormatPainterOutlined,
  ProfileOutlined,
  ShoppingOutlined,
  SwapOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Skeleton, Statistic, Tag } from 'antd';
import { getShopHome, previewUrl, type Shop, type Task } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { navigate } from '../../../router/use-route';
import { useOrdersI18n } from '../../orders/use-orders-i18n';
import { useOwnershipI18n } from '../../ownership/use-ownership-i18n';
import { formatYuan } from '../money';
import { shopKeys } from '../use-shop';

const SEVERITY_COLOR = { blocking: 'red', warning: 'orange', info: 'blue' } as const;

/** Where each task of the home is done. */
const TASK_PATH: Record<string, string> = {
  submit_shop: '/shop',
  qualifications_missing: '/shop/qualifications',
  qualifications_rejected: '/shop/qualifications',
  qualifications_in_review: '/shop/qualifications',
  deposit_unpaid: '/shop/deposit',
  activate: '/shop/activate',
  reverification_due: '/verification',
  reverification_overdue: '/verification',
  restricted: '/shop/support',
  bind_email: '/security#email',
};

/** ACT-4: the active shop's home — status, open tasks, key figures and the everyday links. */
export function ManagementHome({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const { ot } = useOrdersI18n();
  const { ot: own } = useOwnershipI18n();
  const q = useQuery({ queryKey: shopKeys.home(shop.id), queryFn: () => getShopHome(shop.id), retry: false });
  if (q.error) return <ProblemAlert error={q.error} />;
  if (!q.data) return <Skeleton active />;
  const { tasks, figures: f } = q.data;
  return (
    <div data-testid="shop-management-home">
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('shop.home.products')}
              value={f.productsCount}
              data-testid="figure-products"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('shop.home.deposit')}
              value={f.depositHeldFen === null ? '—' : formatYuan(f.depositHeldFen)}
              prefix={f.depositHeldFen === null ? undefined : '¥'}
              data-testid="figure-deposit"
            />
            <div className="kd-muted">
              {f.depositRequiredFen === null
                ? null
                : f.depositRequiredFen > 0
                  ? t('shop.home.depositOf', { amount: formatYuan(f.depositRequiredFen) })
                  : t('shop.step.dep.none')}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('shop.home.qualifications')}
              value={`${f.qualificationsApproved}/${f.qualificationsRequired}`}
              data-testid="figure-qualifications"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('shop.home.tasks')} value={tasks.length} data-testid="figure-tasks" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('shop.home.tasksTitle')}
        style={{ marginBottom: 16 }}
        data-testid="shop-tasks"
      >
        {tasks.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shop.home.noTasks')} />
        ) : (
          tasks.map((task) => <TaskRow key={`${task.code}-${task.dueAt ?? ''}`} task={task} />)
        )}
      </Card>
      <div className="kd-shop-links">
        <Button icon={<ProfileOutlined />} onClick={() => navigate('/shop/orders')} data-testid="home-orders">
          {ot('orders.entry')}
        </Button>
        <Button
          icon={<AppstoreAddOutlined />}
          onClick={() => navigate('/shop/products/new')}
          data-testid="home-new-product"
        >
          {t('shop.products.new')}
        </Button>
        <Button
          icon={<ShoppingOutlined />}
          onClick={() => navigate('/shop/products')}
          data-testid="home-products"
        >
          {t('shop.products.title')}
        </Button>
        <Button
          icon={<FormatPainterOutlined />}
          onClick={() => navigate('/shop/decoration')}
          data-testid="home-decoration"
        >
          {t('shop.step.decoration')}
        </Button>
        <Button
          icon={<WalletOutlined />}
          onClick={() => navigate('/shop/deposit')}
          data-testid="home-deposit"
        >
          {t('shop.step.deposit')}
        </Button>
        <Button icon={<BankOutlined />} onClick={() => navigate('/shop/payouts')} data-testid="home-payouts">
          {t('shop.pay.title')}
        </Button>
        <Button
          icon={<FileProtectOutlined />}
          onClick={() => navigate('/shop/qualifications')}
          data-testid="home-qualifications"
        >
          {t('shop.step.qualifications')}
        </Button>
        <Button
          icon={<EyeOutlined />}
          href={previewUrl(shop.id)}
          target="_blank"
          rel="noopener"
          data-testid="preview-link"
        >
          {t('shop.deco.preview')}
        </Button>
        <Button
          icon={<CustomerServiceOutlined />}
          onClick={() => navigate('/shop/support')}
          data-testid="home-support"
        >
          {t('shop.support.title')}
        </Button>
        <Button icon={<SwapOutlined />} onClick={() => navigate('/shop/owner')} data-testid="home-owner">
          {own('own.entry')}
        </Button>
      </div>
    </div>
  );
}

function TaskRow({ task }: { task: Task }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const to = TASK_PATH[task.code];
  return (
    <div className="kd-shop-task" data-testid={`task-${task.code}`} data-severity={task.severity}>
      <Tag color={SEVERITY_COLOR[task.severity]}>{t(`shop.severity.${task.severity}` as MessageKey)}</Tag>
      <div className="kd-shop-task-text">
        <div>{task.message}</div>
        {task.dueAt && <div className="kd-muted">{t('shop.home.dueAt', { time: dateTime(task.dueAt) })}</div>}
      </div>
      {to && (
        <Button size="small" type="link" onClick={() => navigate(to)}>
          {t('shop.home.handle')}
        </Button>
      )}
    </div>
  );
}
