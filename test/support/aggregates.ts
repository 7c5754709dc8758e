import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { allCounterShards } from '#domain/counter-shards';
import { counterKeys, slicesOf, type AnswerDimensions } from '#domain/survey-answers';
import { currentSurvey } from '#domain/survey-definition';
import type { LocalRuntime } from '../../local/runtime.ts';
import { aggregated } from './runtime.ts';

type Slices = Record<string, Record<string, number>>;

async function queryAll(tableName: string, campaignKey: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'campaignKey = :k', ExpressionAttributeValues: { ':k': campaignKey }, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * A campaign's answers and its stored aggregate slices, every shard (partition
 * `<tenantId>#<campaignId>#<shard>`) added up, counters at zero left out: read straight from the tables.
 */
export async function storedAnswersAndSlices(runtime: LocalRuntime, tenantId: string, campaignId: string): Promise<{ answers: Record<string, unknown>[]; slices: Slices }> {
  // The slices once the aggregation has consumed every answer change so far (decision 54).
  await aggregated(runtime);
  const key = `${tenantId}#${campaignId}`;
  const [answers, ...shards] = await Promise.all([queryAll(runtime.tableNames.answers, key), ...allCounterShards.map((shard) => queryAll(runtime.tableNames.aggregates, `${key}#${shard}`))]);
  const slices: Slices = {};
  for (const item of shards.flat()) {
    const counters = (slices[item.counter as string] ??= {});
    for (const [name, value] of Object.entries(item)) if (name !== 'campaignKey' && name !== 'counter') counters[name] = (counters[name] ?? 0) + (value as number);
  }
  for (const [slice, counters] of Object.entries(slices)) {
    for (const [name, value] of Object.entries(counters)) if (value === 0) delete counters[name];
    if (Object.keys(counters).length === 0) delete slices[slice];
  }
  return { answers, slices };
}

/** The slices recomputed from the answers themselves: what the counters must equal. */
export function recountSlices(answers: readonly Record<string, unknown>[]): Slices {
  const slices: Slices = {};
  for (const item of answers) {
    const keys = counterKeys(currentSurvey(), item.answer as Record<string, unknown>);
    for (const slice of slicesOf(item.dimensions as AnswerDimensions)) {
      const counters = (slices[slice] ??= {});
      for (const key of keys) counters[key] = (counters[key] ?? 0) + 1;
    }
  }
  return slices;
}
