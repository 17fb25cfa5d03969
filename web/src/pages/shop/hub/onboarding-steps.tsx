import { Alert, Button, Skeleton, Steps } from 'antd';
import type { ReactNode } from 'react';
import type { Shop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { formatYuan } from '../money';
import { SubmitShopButton } from './submit-shop-button';
import { useOnboarding } from './use-onboarding';

type Status = 'wait' | 'process' | 'finish' | 'error';
type Step = {
  key: string;
  title: string;
  status: Status;
  text: ReactNode;
  to: string;
  action: string | null;
  optional?: boolean;
};

/** Before activation: qualifications → deposit → decoration → first product → activation, each linking to its page. */
export function OnboardingSteps({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const { summary, decoration, products } = useOnboarding(shop.id);
  if (summary.error) return <ProblemAlert error={summary.error} />;
  if (!summary.data) return <Skeleton active />;
  const s = summary.data;
  const quals = s.qualifications;
  const qApproved = quals.filter((q) => q.status === 'approved').length;
  const qRejected = quals.some((q) => q.status === 'rejected');
  const qReview = quals.some((q) => q.status === 'pending_review');
  const dep = s.deposit;
  const depDone = dep.requiredFen === 0 || dep.status === 'paid';
  const deco = decoration.data;
  const productCount = products.data?.products.length ?? 0;
  const listingBlocked = quals.length > 0 && qApproved < quals.length;

  const steps: Step[] = [
    {
      key: 'qualifications',
      title: t('shop.step.qualifications'),
      status: quals.length === 0 || qApproved === quals.length ? 'finish' : qRejected ? 'error' : 'process',
      text:
        quals.length === 0
          ? t('shop.step.qual.none')
          : qApproved === quals.length
            ? t('shop.step.qual.done')
            : qRejected
              ? t('shop.step.qual.rejected')
              : qReview
                ? t('shop.step.qual.review', { done: qApproved, total: quals.length })
                : t('shop.step.qual.todo', { total: quals.length }),
      to: '/shop/qualifications',
      action: quals.length === 0 ? null : t('shop.step.qual.go'),
    },
    {
      key: 'deposit',
      title: t('shop.step.deposit'),
      status: depDone ? 'finish' : 'process',
      text:
        dep.requiredFen === 0
          ? t('shop.step.dep.none')
          : depDone
            ? t('shop.step.dep.done', { amount: formatYuan(dep.heldFen) })
            : t('shop.step.dep.todo', { amount: formatYuan(dep.requiredFen - dep.heldFen) }),
      to: '/shop/deposit',
      action: dep.requiredFen === 0 ? null : t('shop.step.dep.go'),
    },
    {
      key: 'decoration',
      title: t('shop.step.decoration'),
      status: deco?.published ? 'finish' : 'wait',
      text: deco?.published
        ? t('shop.step.deco.done')
        : deco
          ? t('shop.step.deco.draft')
          : t('shop.step.deco.todo'),
      to: '/shop/decoration',
      action: t('shop.step.deco.go'),
      optional: true,
    },
    {
      key: 'product',
      title: t('shop.step.product'),
      status: productCount > 0 ? 'finish' : 'wait',
      text:
        productCount > 0
          ? t('shop.step.prod.done', { n: productCount })
          : listingBlocked
            ? t('shop.step.prod.blocked')
            : t('shop.step.prod.todo'),
      to: productCount > 0 ? '/shop/products' : '/shop/products/new',
      action: productCount > 0 ? t('shop.step.prod.list') : t('shop.step.prod.go'),
      optional: true,
    },
    {
      key: 'activate',
      title: t('shop.step.activate'),
      status: s.ready ? 'process' : 'wait',
      text: s.ready ? t('shop.step.act.ready') : t('shop.step.act.wait'),
      to: '/shop/activate',
      action: t('shop.step.act.go'),
    },
  ];
  const current = Math.max(
    0,
    steps.findIndex((x) => x.status === 'process' || x.status === 'error'),
  );

  return (
    <div data-testid="shop-onboarding">
      {shop.status === 'draft' && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={t('shop.hub.draftTitle')}
          description={
            <>
              <div style={{ marginBottom: 8 }}>{t('shop.hub.draftBody')}</div>
              <SubmitShopButton shop={shop} />
            </>
          }
          data-testid="shop-draft-submit"
        />
      )}
      <Steps
        orientation={mobile ? 'vertical' : 'horizontal'}
        titlePlacement={mobile ? 'horizontal' : 'vertical'}
        current={current}
        size="small"
        responsive={false}
        data-testid="shop-steps"
        items={steps.map((x) => ({
          key: x.key,
          status: x.status,
          title: x.title,
          subTitle: x.optional ? t('shop.step.optional') : undefined,
          content: (
            <div className="kd-shop-step" data-testid={`shop-step-${x.key}`} data-status={x.status}>
              <div>{x.text}</div>
              {x.action && (
                <Button
                  size="small"
                  type={x.status === 'process' || x.status === 'error' ? 'primary' : 'default'}
                  onClick={() => navigate(x.to)}
                  style={{ marginTop: 6 }}
                  data-testid={`shop-step-${x.key}-go`}
                >
                  {x.action}
                </Button>
              )}
            </div>
          ),
        }))}
      />
      <div className="kd-muted" style={{ marginTop: 12 }}>
        {t('shop.hub.optionalNote')}
      </div>
    </div>
  );
}
