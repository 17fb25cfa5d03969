// Minimal typings for the parts of autocannon's programmatic API the benchmark uses
// (autocannon ships no types and @types/autocannon is not installed).
declare module 'autocannon' {
  export type RawRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };

  export type Request = RawRequest & {
    setupRequest?: (req: RawRequest, context: Record<string, unknown>) => RawRequest | undefined;
  };

  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    /** Total number of requests to send (instead of a duration). */
    amount?: number;
    pipelining?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
  };

  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9?: number;
  };

  export type Result = {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats?: Record<string, { count: number }>;
  };

  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
