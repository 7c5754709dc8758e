import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Kindergarten } from '#domain/application';
import { pendingKey } from '#domain/campaign';
import { allCounterShards } from '#domain/counter-shards';
import type { AnswerDimensions } from '#domain/survey-answers';
import type { StoredAnswer, SurveyContext, SurveyStore } from '#ports/stores';
import { getAll } from './batch-get.ts';
import type { TableKey } from '#functions/tables';
import { activeCampaignConstraint } from './campaign-store.ts';
import { ConcurrentChangeError } from '#domain/errors';
import { counterShardOf, counterShardOfAttempt } from '#domain/counter-shards';
import { appliedKey, paddedSequence } from '#domain/answer-aggregation';
import type { AggregationMarker, SurveyWrite } from '#ports/stores';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';

/** The aggregates partition of one counter shard of a campaign: `<tenantId>#<campaignId>#<shard>`. */
export const aggregateShardKey = (campaignKey: string, shard: number) => `${campaignKey}#${shard}`;

/** The marker of an answer: the stream sequence last applied to the counters, in its applicant's shard of `<campaignKey>#applied`. */
const markerKey = (answer: { readonly campaignKey: string; readonly applicantIin: string }) => ({
  campaignKey: `${answer.campaignKey}#applied#${counterShardOf(answer.applicantIin)}`,
  counter: answer.applicantIin,
});

export class DynamoSurveyStore implements SurveyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: (key: TableKey) => string,
  ) {}

  /**
   * A survey answer (replacing exactly the revision it was computed against), in a unit of work.
   * Only the parent's own item: the counters are moved later by the aggregation (decision 54),
   * from the stream's images of this item, which carry its counter keys, dimensions and
   * confirmations.
   */
  answer(survey: SurveyWrite): DynamoWriteIntent {
    const answer: TransactItem = {
      Put: {
        TableName: this.tableName('answers'),
        Item: {
          campaignKey: survey.campaignKey,
          applicantIin: survey.applicantIin,
          tenantId: survey.tenantId,
          campaignId: survey.campaignId,
          answer: survey.answer,
          version: survey.version,
          submittedAt: survey.submittedAt,
          validUntil: survey.validUntil,
          dimensions: survey.dimensions,
          counted: [...survey.counted],
          confirms: survey.confirms,
          confirmedOn: survey.confirmedOn,
          revision: (survey.replacesRevision ?? 0) + 1,
        },
        // Replaces exactly the answer it was computed against: a concurrent submission (or a
        // retry of this one that already landed) fails here and changes nothing.
        ConditionExpression: survey.replacesRevision === undefined ? 'attribute_not_exists(applicantIin)' : 'revision = :revision',
        ...(survey.replacesRevision !== undefined && { ExpressionAttributeValues: { ':revision': survey.replacesRevision } }),
      },
    };
    return { store: 'surveys', items: () => [answer], refusal: { rank: 1, error: () => new ConcurrentChangeError('the answer changed meanwhile') } };
  }

  async appliedSequences(answers: readonly { readonly campaignKey: string; readonly applicantIin: string }[]): Promise<Map<string, string>> {
    const unique = new Map(answers.map((answer) => [appliedKey(answer), answer]));
    if (unique.size === 0) return new Map();
    // Consistent: a marker moved by the delivery before this one must be seen.
    const items = await getAll(this.client, this.tableName('aggregates'), [...unique.values()].map(markerKey), undefined, true);
    return new Map(items.map((item) => [appliedKey({ campaignKey: item.answerCampaignKey as string, applicantIin: item.counter as string }), item.sequence as string]));
  }

  /**
   * The markers (one item per answer, in its applicant's shard of `<campaignKey>#applied`) moved
   * from the sequence read to the change's, and one ADD per slice in one counter shard: a batch of
   * answers moves each slice once.
   */
  aggregation(group: { readonly markers: readonly AggregationMarker[]; readonly slices: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>; readonly spreadBy: string }): DynamoWriteIntent {
    const markers: TransactItem[] = group.markers.map((marker) => ({
      Put: {
        TableName: this.tableName('aggregates'),
        Item: { ...markerKey(marker), answerCampaignKey: marker.campaignKey, sequence: paddedSequence(marker.sequence) },
        ConditionExpression: marker.applied === undefined ? 'attribute_not_exists(#sequence)' : '#sequence = :applied',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ...(marker.applied !== undefined && { ExpressionAttributeValues: { ':applied': marker.applied } }),
      },
    }));
    const counters = (attempt: number): TransactItem[] => {
      const shard = counterShardOfAttempt(group.spreadBy, attempt);
      return [...group.slices].flatMap(([campaignKey, slices]) =>
        [...slices].map(([slice, deltas]) => {
          const entries = [...deltas];
          return {
            Update: {
              TableName: this.tableName('aggregates'),
              Key: { campaignKey: aggregateShardKey(campaignKey, shard), counter: slice },
              UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(entries.map(([key], i) => [`#c${i}`, key])),
              ExpressionAttributeValues: Object.fromEntries(entries.map(([, delta], i) => [`:d${i}`, delta])),
            },
          };
        }),
      );
    };
    return { store: 'surveys', items: (attempt) => [...markers, ...counters(attempt)], refusal: { rank: 1, error: () => new ConcurrentChangeError('an answer change was applied meanwhile') } };
  }

  async context(tenantId: string, applicantIin: string, kindergartenIds: readonly string[], candidateCampaignId?: string): Promise<SurveyContext> {
    const constraints = this.tableName('constraints');
    const kindergartens = this.tableName('kindergartens');
    const answers = this.tableName('answers');
    // One request for everything: the campaign guard (it carries the campaign's dates), the
    // chosen kindergartens, and the answer under the campaign the applications point to.
    const { Responses = {} } = await this.client.send(
      new BatchGetCommand({
        RequestItems: {
          [constraints]: { Keys: [{ constraintId: activeCampaignConstraint(tenantId) }] },
          ...(kindergartenIds.length > 0 && { [kindergartens]: { Keys: [...new Set(kindergartenIds)].map((kindergartenId) => ({ tenantId, kindergartenId })) } }),
          ...(candidateCampaignId && { [answers]: { Keys: [{ campaignKey: pendingKey(tenantId, candidateCampaignId), applicantIin }] } }),
        },
      }),
    );
    const guard = Responses[constraints]?.[0];
    const chosen = (Responses[kindergartens] ?? []) as Kindergarten[];
    const stored = candidateCampaignId ? Responses[answers]?.[0] : undefined;
    const answered = stored && {
      campaignId: candidateCampaignId!,
      answer: stored.answer as Record<string, unknown>,
      revision: stored.revision as number,
      submittedAt: stored.submittedAt as string,
      validUntil: stored.validUntil as string,
      version: stored.version as string,
      ...(stored.dimensions && { dimensions: stored.dimensions as AnswerDimensions }),
    };
    if (!guard?.startsAt) return { kindergartens: chosen, ...(answered && { answered }) };
    const campaign = {
      campaignId: guard.campaignId as string,
      year: guard.year as number,
      startsAt: guard.startsAt as string,
      endsAt: guard.endsAt as string,
      extensionYears: (guard.extensionYears as number | undefined) ?? 1,
      ...(typeof guard.surveyVersion === 'string' && { surveyVersion: guard.surveyVersion }),
    };
    return {
      campaign,
      kindergartens: chosen,
      ...(answered && { answered }),
      ...(answered && guard.campaignId === candidateCampaignId && { previous: answered }),
    };
  }

  async slices(campaignKey: string, slices: readonly string[]): Promise<Map<string, Map<string, number>>> {
    // Every shard of every slice asked for (64 keys a slice): a bounded BatchGet, summed here.
    const wanted = [...new Set(slices)];
    const items = await getAll(
      this.client,
      this.tableName('aggregates'),
      wanted.flatMap((slice) => allCounterShards.map((shard) => ({ campaignKey: aggregateShardKey(campaignKey, shard), counter: slice }))),
    );
    const result = new Map<string, Map<string, number>>(slices.map((slice) => [slice, new Map()]));
    for (const item of items) {
      const counters = result.get(item.counter as string)!;
      // One item per slice and shard, one numeric attribute per counter (`<question>#<option>`).
      for (const [key, value] of Object.entries(item)) {
        if (key !== 'campaignKey' && key !== 'counter' && typeof value === 'number') counters.set(key, (counters.get(key) ?? 0) + value);
      }
    }
    for (const counters of result.values()) for (const [key, value] of counters) if (value === 0) counters.delete(key);
    return result;
  }

  async answersPage(campaignKey: string, startAfter?: string, limit = 1000): Promise<{ answers: StoredAnswer[]; next?: string }> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName('answers'),
        KeyConditionExpression: 'campaignKey = :k',
        ExpressionAttributeValues: { ':k': campaignKey },
        ...(startAfter && { ExclusiveStartKey: { campaignKey, applicantIin: startAfter } }),
        Limit: limit,
      }),
    );
    return {
      answers: (page.Items ?? []).map((item) => ({
        answer: item.answer as Record<string, unknown>,
        version: item.version as string,
        submittedAt: item.submittedAt as string,
        ...(item.dimensions && { dimensions: item.dimensions as AnswerDimensions }),
      })),
      ...(page.LastEvaluatedKey && { next: page.LastEvaluatedKey.applicantIin as string }),
    };
  }
}
