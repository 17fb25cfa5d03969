import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { navigate } from '../../router/use-route';
import { claimCase, decideCase, escalateCase, getCase } from '../api';
import { KindTags, StatusTag } from '../case-tags';
import type { DecisionInput } from '../types';
import { useConsoleI18n } from '../use-console-i18n';
import { ActionCard } from './action-card';
import { ChecksCard, LivenessCard } from './checks-card';
import { DocumentsCard } from './documents-card';
import { HistoryCard } from './history-card';
import { SubjectCard } from './subject-card';

/** One case: what the merchant handed in, what the checks said, what happened, and the decision. */
export function CasePage({ id }: { id: string }) {
  const { t, label } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  // Every read is audited by the server: no polling here, only on demand and after actions.
  const details = useQuery({
    queryKey: ['console', 'case', id],
    queryFn: () => getCase(id),
    staleTime: 60_000,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['console', 'case', id] });
    await qc.invalidateQueries({ queryKey: ['console', 'queue'] });
  };

  const claim = useMutation({
    mutationFn: () => claimCase(id),
    onSuccess: async () => {
      message.success({ content: t('console.claimed'), key: 'console-action' });
      await refresh();
    },
    onError: refresh,
  });
  const decide = useMutation({ mutationFn: (d: DecisionInput) => decideCase(id, d) });
  const escalate = useMutation({ mutationFn: (note: string) => escalateCase(id, note) });
  const onEscalate = async (note: string) => {
    try {
      await escalate.mutateAsync(note);
      message.success({ content: t('console.escalate.done'), key: 'console-action' });
      await refresh();
      return true;
    } catch {
      await refresh();
      return false;
    }
  };
  const onDecide = async (d: DecisionInput) => {
    try {
      const res = await decide.mutateAsync(d);
      message.success({
        content: t('console.decision.done', { status: label('console.status', res.status) }),
        key: 'console-action',
      });
      await refresh();
      return true;
    } catch {
      await qc.invalidateQueries({ queryKey: ['console', 'case', id] });
      return false;
    }
  };

  const back = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[
        {
          title: (
            <a
              href="/console/queue"
              onClick={(e) => {
                e.preventDefault();
                navigate('/console/queue');
              }}
            >
              <ArrowLeftOutlined /> {t('console.case.back')}
            </a>
          ),
        },
        { title: id },
      ]}
    />
  );

  if (details.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (details.error || !details.data) {
    return (
      <>
        {back}
        {isApiError(details.error, 'not_found') ? (
          <Result status="404" title="404" subTitle={t('console.notFound')} />
        ) : (
          <ProblemAlert error={details.error} />
        )}
      </>
    );
  }
  const d = details.data;
  return (
    <div data-testid="case-page" data-case-id={d.case.id}>
      {back}
      <div className="kd-console-page-head">
        <Space size={12} align="center" wrap>
          <Typography.Title level={4} copyable={{ text: d.case.id }} style={{ margin: 0 }}>
            {d.case.id}
          </Typography.Title>
          <StatusTag status={d.case.status} />
          <KindTags c={d.case} />
        </Space>
        <Button
          icon={<ReloadOutlined />}
          onClick={refresh}
          loading={details.isFetching}
          data-testid="case-refresh"
        >
          {t('console.refresh')}
        </Button>
      </div>
      <ProblemAlert error={claim.error} />
      <Row gutter={16}>
        <Col span={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SubjectCard subject={d.subject} />
            <DocumentsCard caseId={d.case.id} documents={d.documents} />
            <ChecksCard checks={d.checks} />
            <LivenessCard liveness={d.liveness} />
          </Space>
        </Col>
        <Col span={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ActionCard
              details={d}
              fetchedAt={details.dataUpdatedAt}
              busy={decide.isPending}
              error={decide.error}
              onClaim={() => claim.mutate()}
              claiming={claim.isPending}
              onDecide={onDecide}
              onEscalate={onEscalate}
              escalateError={escalate.error}
            />
            <HistoryCard history={d.history} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
