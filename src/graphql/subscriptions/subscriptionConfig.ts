type Env = Readonly<Record<string, string | undefined>>;

export interface SubscriptionConfig {
  /** `MAILROOM_SUBSCRIPTIONS_PER_CONNECTION`: open subscriptions one WebSocket may hold. @default 50 */
  readonly maxPerConnection: number;
  /** `MAILROOM_SUBSCRIPTIONS_PER_USER`: open subscriptions of one user on one instance, over all connections. @default 200 */
  readonly maxPerUser: number;
  /** `MAILROOM_SUBSCRIPTION_QUEUE_EVENTS`: events queued for one subscription before its client counts as stalled. @default 100 */
  readonly maxQueuedEvents: number;
  /** `MAILROOM_SUBSCRIPTION_BUFFER_BYTES`: unsent bytes of one WebSocket before its client counts as stalled. @default 1048576 */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_SUBSCRIPTION_CONFIG: SubscriptionConfig = {
  maxPerConnection: 50,
  maxPerUser: 200,
  maxQueuedEvents: 100,
  maxBufferedBytes: 1024 * 1024,
};

/** Reads the subscription limits; problems are appended for loadConfig to report together. */
export const loadSubscriptionConfig = (env: Env, problems: string[]): SubscriptionConfig => {
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return def;
  };
  const d = DEFAULT_SUBSCRIPTION_CONFIG;
  return {
    maxPerConnection: int('MAILROOM_SUBSCRIPTIONS_PER_CONNECTION', d.maxPerConnection, 1, 10_000),
    maxPerUser: int('MAILROOM_SUBSCRIPTIONS_PER_USER', d.maxPerUser, 1, 100_000),
    maxQueuedEvents: int('MAILROOM_SUBSCRIPTION_QUEUE_EVENTS', d.maxQueuedEvents, 1, 100_000),
    maxBufferedBytes: int('MAILROOM_SUBSCRIPTION_BUFFER_BYTES', d.maxBufferedBytes, 1024, 1024 * 1024 * 1024),
  };
};
