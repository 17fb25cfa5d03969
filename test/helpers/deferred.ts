/** A promise settled from outside: for tests that hold a request, a job or a transaction open. */
export type Deferred = { promise: Promise<void>; resolve(): void; reject(err: Error): void };

export function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
