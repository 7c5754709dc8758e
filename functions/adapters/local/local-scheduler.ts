import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { asyncInvokePayloadMaxBytes, scheduleViolations, type JobTask, type ScheduledJob, type Scheduler } from '#ports/scheduler';
import { indexNamed, tables } from '#functions/tables';

const byDue = indexNamed('schedules', 'byDue');
const pendingMarker = 'pending';
const maxAttempts = 5;
/** A job's lease when no other is given: Lambda's longest timeout (15 min) and a minute's margin. */
const defaultLeaseMs = (15 * 60 + 60) * 1000;

export type JobRunner = (task: JobTask) => Promise<void>;

/**
 * The local stand-in for EventBridge Scheduler: schedules are items in the `Schedules` table, so
 * they survive a restart of `npm start`; `fireDue` runs every schedule whose time has come (also
 * those that fell due while the runtime was stopped). A schedule is claimed with a conditional
 * write before it runs, so two pollers never run it twice; a failing job is retried with backoff
 * and then marked `failed` (the local dead-letter queue). A claim is a lease: the schedule stays in
 * the due index, due again when the lease ends (the job's timeout and a margin), so a job whose
 * process died while it ran (Ctrl-C, a crash, a kill) is run again by the next poller, as Lambda
 * and Scheduler retry an invocation that never returned; the lapsed lease counts as a failed
 * attempt. Only the outcome of a run takes a schedule out of the index. It refuses what AWS refuses: a schedule
 * name, group or input EventBridge Scheduler would not take (`ValidationException`, in its
 * wording), and an enqueued job larger than an asynchronous Lambda invocation may carry.
 */
export class LocalScheduler implements Scheduler {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date,
    /** The schedule group, as the CDK names it in AWS (`kezek-<stage>`). */
    private readonly groupName = 'kezek-local',
    /** How long a claimed job may run before another poller may take it: its timeout and a margin. */
    private readonly leaseMs: (task: JobTask) => number = () => defaultLeaseMs,
  ) {}

  async scheduleOnce(job: ScheduledJob): Promise<void> {
    refuseInvalid(scheduleViolations({ name: job.name, groupName: this.groupName, input: JSON.stringify(job.task) }));
    await this.store(job);
  }

  async enqueue(job: { name: string; task: JobTask }): Promise<void> {
    // In AWS an asynchronous Lambda invocation: no schedule name is sent, the payload is limited.
    const bytes = new TextEncoder().encode(JSON.stringify(job.task)).length;
    if (bytes > asyncInvokePayloadMaxBytes) {
      throw Object.assign(new Error(`Request must be smaller than ${asyncInvokePayloadMaxBytes} bytes for the InvokeAsync operation (was ${bytes})`), { name: 'RequestTooLargeException' });
    }
    await this.store({ name: job.name, at: this.now().toISOString(), task: job.task });
  }

  private async store(job: ScheduledJob): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { scheduleName: job.name, pending: pendingMarker, dueAt: new Date(job.at).toISOString(), task: job.task, state: 'scheduled', attempts: 0 },
          ConditionExpression: 'attribute_not_exists(scheduleName)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Runs every due schedule once; returns the names it completed. */
  async fireDue(run: JobRunner, log: (line: string) => void = () => undefined): Promise<string[]> {
    const now = this.now().toISOString();
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: byDue.indexName,
        KeyConditionExpression: '#pending = :pending AND #dueAt <= :now',
        ExpressionAttributeNames: { '#pending': 'pending', '#dueAt': 'dueAt' },
        ExpressionAttributeValues: { ':pending': pendingMarker, ':now': now },
        Limit: 100,
      }),
    );
    const completed: string[] = [];
    for (const item of Items) {
      const name = item.scheduleName as string;
      const task = item.task as JobTask;
      // A schedule still `running` when it falls due again is one whose lease ran out: its process
      // died before the outcome was written. That counts as a failed attempt.
      const lapsed = item.state === 'running';
      const before = ((item.attempts as number) ?? 0) + (lapsed ? 1 : 0);
      if (lapsed) log(`[scheduler] ${name} lease ran out (attempt ${before}): its run never returned`);
      if (lapsed && before >= maxAttempts) {
        if (await this.claim(name, item.dueAt as string, now, before)) await this.settle(name, { state: 'failed', attempts: before });
        continue;
      }
      if (!(await this.claim(name, item.dueAt as string, new Date(Date.parse(now) + this.leaseMs(task)).toISOString(), before))) continue;
      try {
        await run(task);
        await this.settle(name, { state: 'completed' });
        completed.push(name);
      } catch (error) {
        const attempts = before + 1;
        log(`[scheduler] ${name} failed (attempt ${attempts}): ${(error as Error).name}: ${(error as Error).message}`);
        if (attempts >= maxAttempts) await this.settle(name, { state: 'failed', attempts });
        else await this.settle(name, { state: 'scheduled', attempts, retryAt: new Date(Date.parse(now) + 2 ** attempts * 1000).toISOString() });
      }
    }
    return completed;
  }

  /**
   * Leases a due schedule until `leaseUntil` (it stays in the due index, due again then); only one
   * caller can succeed, as the condition names the due time it read.
   */
  private async claim(name: string, dueAt: string, leaseUntil: string, attempts: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { scheduleName: name },
          UpdateExpression: 'SET #state = :running, #dueAt = :leaseUntil, attempts = :attempts',
          ConditionExpression: '#pending = :pending AND #dueAt = :dueAt',
          ExpressionAttributeNames: { '#state': 'state', '#pending': 'pending', '#dueAt': 'dueAt' },
          ExpressionAttributeValues: { ':running': 'running', ':pending': pendingMarker, ':dueAt': dueAt, ':leaseUntil': leaseUntil, ':attempts': attempts },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Writes a run's outcome: completed or failed leave the due index; `scheduled` is due again at `retryAt`. */
  private async settle(name: string, outcome: { state: 'completed' | 'failed' | 'scheduled'; attempts?: number; retryAt?: string }): Promise<void> {
    const again = outcome.state === 'scheduled';
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { scheduleName: name },
        UpdateExpression: again
          ? 'SET #state = :state, attempts = :attempts, #pending = :pending, #dueAt = :retryAt'
          : 'SET #state = :state' + (outcome.attempts ? ', attempts = :attempts' : '') + ' REMOVE #pending',
        ExpressionAttributeNames: { '#state': 'state', '#pending': 'pending', ...(again && { '#dueAt': 'dueAt' }) },
        ExpressionAttributeValues: {
          ':state': outcome.state,
          ...(outcome.attempts !== undefined && { ':attempts': outcome.attempts }),
          ...(again && { ':pending': pendingMarker, ':retryAt': outcome.retryAt }),
        },
      }),
    );
  }
}

function refuseInvalid(violations: readonly string[]): void {
  if (violations.length === 0) return;
  const count = violations.length;
  const message = `${count} validation error${count > 1 ? 's' : ''} detected: ${violations.join('; ')}`;
  // Shaped as the SDK's `ValidationException` (name, fault, status) without importing the client:
  // local adapters stay out of the vendor layer's list.
  throw Object.assign(new Error(message), { name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
}
