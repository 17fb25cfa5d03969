import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics at /metrics: process defaults plus request counts and latencies by route. */
export function registerMetrics(
  app: FastifyInstance,
  extra?: {
    jobs?: { counts(): Promise<Record<string, number>> };
    /** The password-hashing pool: saturation shows as jobs queued and refused. */
    argon2?: {
      stats(): { threads: number; inFlight: number[]; queued: number };
      totals: { done: number; refused: number; workerDeaths: number };
    };
  },
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kaidian_' });
  const requests = new Counter({
    name: 'kaidian_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kaidian_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jobGauge = extra?.jobs;
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    let body = await registry.metrics();
    if (jobGauge) {
      const counts = await jobGauge.counts();
      body += '# HELP kaidian_jobs Durable jobs by status\n# TYPE kaidian_jobs gauge\n';
      for (const [status, n] of Object.entries(counts)) body += `kaidian_jobs{status="${status}"} ${n}\n`;
    }
    const argon2 = extra?.argon2;
    if (argon2) {
      const st = argon2.stats();
      const t = argon2.totals;
      body +=
        '# HELP kaidian_argon2_threads argon2 worker threads running\n# TYPE kaidian_argon2_threads gauge\n' +
        `kaidian_argon2_threads ${st.threads}\n` +
        '# HELP kaidian_argon2_jobs argon2 jobs held by workers (computing or next) and waiting\n' +
        '# TYPE kaidian_argon2_jobs gauge\n' +
        `kaidian_argon2_jobs{state="held"} ${st.inFlight.reduce((a, b) => a + b, 0)}\n` +
        `kaidian_argon2_jobs{state="queued"} ${st.queued}\n` +
        '# HELP kaidian_argon2_jobs_total argon2 jobs finished, and refused because the queue was full\n' +
        '# TYPE kaidian_argon2_jobs_total counter\n' +
        `kaidian_argon2_jobs_total{outcome="done"} ${t.done}\n` +
        `kaidian_argon2_jobs_total{outcome="refused"} ${t.refused}\n` +
        '# HELP kaidian_argon2_worker_deaths_total argon2 workers that died and were replaced\n' +
        '# TYPE kaidian_argon2_worker_deaths_total counter\n' +
        `kaidian_argon2_worker_deaths_total ${t.workerDeaths}\n`;
    }
    return reply.type(registry.contentType).send(body);
  });
}
