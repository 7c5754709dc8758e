import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dependencies } from '#adapters/dependencies';
import { answerChangeOf, type AnswerStreamRecord } from '#adapters/dynamodb/answer-stream';
import { logger } from '#adapters/logger';
import { metrics, MetricUnit } from '#adapters/metrics';
import { observability } from '#adapters/observability';
import type { AnswerChange } from '#domain/answer-aggregation';
import { aggregateAnswerChanges } from '#use-cases/answer-aggregation';

/**
 * The aggregation (decision 54): the answers table's stream hands it up to 100 changes of answer
 * items, in order per item; it moves the shared counters by their differences, exactly once (the
 * answers' markers), a batch's deltas added up per slice. When a group fails, that change and every
 * one after it are reported as batch item failures, so the stream hands them again, in order.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(observability())
  .before(() => {
    logger.appendKeys({ consumer: 'answer-aggregator' });
  })
  .handler(async (event) => {
    const changes: { change: AnswerChange; sequence: string }[] = [];
    for (const record of event.Records) {
      const change = answerChangeOf(record as AnswerStreamRecord);
      if (change) changes.push({ change, sequence: record.dynamodb!.SequenceNumber! });
    }
    const result = await aggregateAnswerChanges(dependencies(), changes.map((c) => c.change));
    metrics.addMetric('AnswerChangesApplied', MetricUnit.Count, result.applied);
    metrics.addMetric('AnswerChangesRedelivered', MetricUnit.Count, result.skipped);
    if (result.failedAt === undefined) return { batchItemFailures: [] };
    logger.warn('answer aggregation failed; the stream hands the rest again', { failedAt: result.failedAt, error: result.error as Error });
    // The first failed record is where the stream resumes (it checkpoints before the lowest one reported).
    return { batchItemFailures: changes.slice(result.failedAt).map((c) => ({ itemIdentifier: c.sequence })) };
  });
