import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * argon2 on a pool of its own: one worker thread per core, each running the synchronous
 * `@node-rs/argon2` calls one at a time.
 *
 * Why not `@node-rs/argon2`'s async calls on libuv's pool (what this replaced):
 * - libuv's pool has 4 threads whatever the core count, so argon2 never used more than 4 cores;
 * - those threads also serve file I/O and DNS, which waited behind hashes;
 * - the event loop had to hand every next hash to a free thread, so while it was busy or preempted
 *   a core sat idle (1.78 of 2 cores busy during a sign-in burst).
 *
 * Here each worker holds up to {@link DEPTH} jobs: the next one starts the moment the last one ends,
 * with no trip through the event loop, while no more than one hash per core is computed at a time
 * (no fighting over cache and memory bandwidth). The workers lower their own scheduling priority
 * (nice +{@link NICE}, which on Linux applies to the calling thread only), so during a sign-in burst
 * the event loop, and with it every other request, still gets a core when it needs one.
 *
 * The workers start at the first hash, not at boot (idle memory), are unref'd while they have no
 * job (they never keep a CLI command alive), and are replaced if one dies. What argon2 itself
 * refuses (a malformed stored hash) rejects with {@link Argon2InputError}; a dead worker or a closed
 * pool rejects with a plain Error, which callers must not mistake for a wrong password.
 */

const DEPTH = 2;
const NICE = 10;
/**
 * Jobs that may wait for a worker, per thread: about 2.5 s of work at ~10 ms a hash. Past that a
 * flood (credential stuffing from many addresses) would only grow the wait of every sign-in until
 * clients time out; the next job is refused at once instead ({@link Argon2BusyError}).
 */
export const QUEUED_PER_THREAD = 256;

/** CommonJS run by each worker (`eval`), so it needs no build step or loader under tsx, vitest or dist/. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hashSync, verifySync } = require(workerData.argon2);
try { require('node:os').setPriority(workerData.nice); } catch {}
parentPort.on('message', (job) => {
  try {
    const value = job.op === 'hash' ? hashSync(job.password, job.options) : verifySync(job.stored, job.password);
    parentPort.postMessage({ id: job.id, value });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String(err && err.message ? err.message : err) });
  }
});
`;

/** argon2 refused the input (e.g. a stored hash that is not a PHC string); the pool is fine. */
export class Argon2InputError extends Error {
  override name = 'Argon2InputError';
}

/** Every worker is busy and the queue is full: try again shortly. */
export class Argon2BusyError extends Error {
  override name = 'Argon2BusyError';
}

type Job =
  | { id: number; op: 'hash'; password: string; options: object }
  | { id: number; op: 'verify'; stored: string; password: string };
type JobInput = Job extends infer J ? (J extends Job ? Omit<J, 'id'> : never) : never;

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
}

export class Argon2Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private readonly modulePath = createRequire(import.meta.url).resolve('@node-rs/argon2');
  /** Counters since start, for /metrics. */
  readonly totals = { done: 0, refused: 0, workerDeaths: 0 };

  constructor(
    readonly threads = Math.max(1, os.availableParallelism()),
    /** Jobs that may wait beyond those the workers hold; more are refused. */
    public maxQueued = threads * QUEUED_PER_THREAD,
  ) {}

  hash(password: string, options: object): Promise<string> {
    return this.run({ op: 'hash', password, options }) as Promise<string>;
  }

  verify(stored: string, password: string): Promise<boolean> {
    return this.run({ op: 'verify', stored, password }) as Promise<boolean>;
  }

  /** Workers started, jobs held by each (computing or next in line), and jobs waiting for room. */
  stats(): { threads: number; inFlight: number[]; queued: number } {
    return {
      threads: this.slots.length,
      inFlight: this.slots.map((s) => s.inFlight.size),
      queued: this.queue.length,
    };
  }

  /** Whether a job submitted now would be taken (not refused as {@link Argon2BusyError}). */
  hasRoom(): boolean {
    if (this.queue.length < this.maxQueued || this.slots.length < this.threads) return true;
    return this.slots.some((s) => s.inFlight.size < DEPTH);
  }

  /** Ends every worker; jobs still queued or running are rejected. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const p of this.queue.splice(0)) p.reject(new Error('argon2 pool closed'));
    await Promise.all(
      slots.map((s) => {
        this.fail(s, new Error('argon2 pool closed'));
        return s.worker.terminate();
      }),
    );
  }

  private run(input: JobInput): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...input, id: this.nextId++ } as Job, resolve, reject });
      this.dispatch();
      // dispatch() takes from the front, so a job left over the limit is the one just added.
      if (this.queue.length > this.maxQueued) {
        this.queue.pop();
        this.totals.refused++;
        reject(new Argon2BusyError('argon2 queue full'));
      }
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.freeSlot();
      if (!slot) return;
      const pending = this.queue.shift() as Pending;
      if (slot.inFlight.size === 0) slot.worker.ref();
      slot.inFlight.set(pending.job.id, pending);
      slot.worker.postMessage(pending.job);
    }
  }

  /** The least busy worker with room, starting a new one while there are fewer than `threads`. */
  private freeSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) if (!best || s.inFlight.size < best.inFlight.size) best = s;
    if (best?.inFlight.size === 0) return best;
    if (this.slots.length < this.threads) return this.spawn();
    return best && best.inFlight.size < DEPTH ? best : undefined;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { argon2: this.modulePath, nice: NICE },
      // Not the parent's flags: under `--input-type=module` or a loader the source above would not run.
      execArgv: [],
      // Small heaps: the worker only passes strings to native code.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.unref();
    worker.on('message', (msg: { id: number; value?: unknown; error?: string }) => {
      const pending = slot.inFlight.get(msg.id);
      if (!pending) return;
      slot.inFlight.delete(msg.id);
      this.totals.done++;
      if (slot.inFlight.size === 0) worker.unref();
      if (msg.error !== undefined) pending.reject(new Argon2InputError(msg.error));
      else pending.resolve(msg.value);
      this.dispatch();
    });
    const died = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      this.totals.workerDeaths++;
      this.fail(slot, err);
      this.dispatch();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`argon2 worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private fail(slot: Slot, err: Error): void {
    for (const p of slot.inFlight.values()) p.reject(err);
    slot.inFlight.clear();
  }
}
