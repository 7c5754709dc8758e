import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { aggregationSettings, answerAggregator } from '#functions/jobs/consumers';
import { withGrants } from './grants.ts';
import { scaledTimeoutMs, withinTimeout } from './lambda-timeout.ts';
import { lambdaContext } from './server.ts';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export interface StreamRunnerOptions {
  readonly endpoint: string;
  /** The table whose stream feeds the consumer (the answers). */
  readonly tableName: string;
  readonly log?: (line: string) => void;
  /** Multiplies the consumer's Lambda timeout (as for jobs). */
  readonly timeoutScale?: number;
}

/**
 * The local event source mapping of the aggregation (decision 54), as Lambda runs it on a DynamoDB
 * stream: DynamoDB Local's stream of the answers table read shard by shard (a parent shard before
 * its children), in order, up to `batchSize` records per invocation of the consumer's handler,
 * with its grants and within its timeout. The checkpoint moves past a batch only when the
 * invocation succeeds, and to just before the first record it reports failed; a failed or timed-out
 * invocation is handed again at the next poll (at least once, in order per shard, as in AWS).
 * `redeliverAll` forgets every checkpoint, so the next poll hands every record again (duplicates).
 */
export class LocalStreamRunner {
  private readonly streams: DynamoDBStreamsClient;
  private readonly tables: DynamoDBClient;
  private streamArn: string | undefined;
  /** Per shard, the sequence number of the last record handed successfully. */
  private readonly checkpoints = new Map<string, string>();
  /** Shards read to their end (closed). */
  private readonly finished = new Set<string>();
  private inFlight: Promise<number> = Promise.resolve(0);
  private timer: NodeJS.Timeout | undefined;
  private paused = false;
  private handed = 0;
  private failures = 0;

  constructor(private readonly options: StreamRunnerOptions) {
    this.streams = new DynamoDBStreamsClient({ endpoint: options.endpoint });
    this.tables = new DynamoDBClient({ endpoint: options.endpoint });
  }

  /** Records handed to the consumer and invocations that failed, since the start. */
  get totals(): { handed: number; failedInvocations: number } {
    return { handed: this.handed, failedInvocations: this.failures };
  }

  /** Polls every `intervalMs` in the background (AWS polls a shard about four times a second). */
  start(intervalMs: number = aggregationSettings.localPollMs): void {
    this.timer ??= setInterval(() => {
      if (!this.paused) void this.poll().catch((error: Error) => this.options.log?.(`[answer-aggregator] poll failed: ${error.message}`));
    }, intervalMs);
  }

  /** Stops the background polling until `resume` (the bench's run without counters); `poll` still works. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight.catch(() => 0);
    this.streams.destroy();
    this.tables.destroy();
  }

  /** The next poll hands every record in the stream again, from its start. */
  redeliverAll(): void {
    this.checkpoints.clear();
    this.finished.clear();
  }

  /** Hands every record not yet consumed to the consumer (one poll at a time); how many were handed. */
  poll(): Promise<number> {
    const next = this.inFlight.catch(() => 0).then(() => this.pollOnce());
    this.inFlight = next;
    return next;
  }

  /**
   * The table's current stream. A new one (the table re-created, or its stream switched off and on
   * by a restore) is read from its start, the old one's checkpoints forgotten: what a restore put
   * back wrote no record, as in AWS.
   */
  private async arn(): Promise<string | undefined> {
    const { Table } = await this.tables.send(new DescribeTableCommand({ TableName: this.options.tableName })).catch(() => ({ Table: undefined }));
    const current = Table?.StreamSpecification?.StreamEnabled ? Table.LatestStreamArn : undefined;
    if (current !== this.streamArn) {
      this.streamArn = current;
      this.redeliverAll();
    }
    return this.streamArn;
  }

  private async shards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start && { ExclusiveStartShardId: start }) }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  private async pollOnce(): Promise<number> {
    const streamArn = await this.arn();
    if (!streamArn) return 0;
    const shards = await this.shards(streamArn);
    const known = new Set(shards.map((shard) => shard.ShardId));
    let handed = 0;
    // A child shard only once its parent is read to its end (per-item order holds across a split).
    for (let progress = true; progress; ) {
      progress = false;
      for (const shard of shards) {
        const id = shard.ShardId!;
        if (this.finished.has(id)) continue;
        if (shard.ParentShardId && known.has(shard.ParentShardId) && !this.finished.has(shard.ParentShardId)) continue;
        const result = await this.readShard(streamArn, shard);
        handed += result.handed;
        if (result.closed) {
          this.finished.add(id);
          progress = true;
        }
      }
    }
    this.handed += handed;
    return handed;
  }

  /** Reads one shard from its checkpoint to its current end, handing batches; stops at a failure (the next poll starts there again). */
  private async readShard(streamArn: string, shard: Shard): Promise<{ handed: number; closed: boolean }> {
    const id = shard.ShardId!;
    const checkpoint = this.checkpoints.get(id);
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ...(checkpoint ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint } : { ShardIteratorType: 'TRIM_HORIZON' }) }),
    );
    let iterator = ShardIterator;
    let handed = 0;
    while (iterator) {
      const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = page.Records ?? [];
      for (let i = 0; i < records.length; i += aggregationSettings.batchSize) {
        const batch = records.slice(i, i + aggregationSettings.batchSize);
        const consumed = await this.invoke(batch);
        handed += consumed;
        if (consumed > 0) this.checkpoints.set(id, batch[consumed - 1]!.dynamodb!.SequenceNumber!);
        if (consumed < batch.length) return { handed, closed: false };
      }
      if (records.length === 0) return { handed, closed: page.NextShardIterator === undefined };
      iterator = page.NextShardIterator;
    }
    return { handed, closed: true };
  }

  /** One invocation of the consumer; how many records of the batch, from its start, it consumed. */
  private async invoke(batch: readonly _Record[]): Promise<number> {
    const handler = ((await import(`../functions/handlers/${answerAggregator.handler}.ts`)) as { handler: StreamHandler }).handler;
    const event: DynamoDBStreamEvent = { Records: batch.map(lambdaRecord) };
    const timeoutMs = scaledTimeoutMs(answerAggregator.timeoutSeconds, this.options.timeoutScale);
    try {
      const response = await withGrants(answerAggregator.handler, answerAggregator.grants, () =>
        withinTimeout(() => handler(event, lambdaContext(answerAggregator.handler, timeoutMs / 1000)), timeoutMs),
      );
      const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      const first = batch.findIndex((record) => failed.has(record.dynamodb!.SequenceNumber!));
      if (first >= 0) this.failures++;
      return first >= 0 ? first : batch.length;
    } catch (error) {
      this.failures++;
      this.options.log?.(`[answer-aggregator] invocation failed: ${(error as Error).name}: ${(error as Error).message}`);
      return 0;
    }
  }
}

/** A record as Lambda's event source hands it (the SDK's dates back to epoch seconds). */
function lambdaRecord(record: _Record): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...images } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: 'arn:aws:dynamodb:local:000000000000:table/answers/stream/local',
    dynamodb: { ...(images as DynamoDBRecord['dynamodb']), ...(ApproximateCreationDateTime && { ApproximateCreationDateTime: Math.floor(new Date(ApproximateCreationDateTime).getTime() / 1000) }) },
  };
}
