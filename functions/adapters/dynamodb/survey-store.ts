import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Kindergarten } from '#domain/application';
import { pendingKey } from '#domain/campaign';
import type { SurveyContext, SurveyStore } from '#ports/stores';
import type { TableKey } from '#functions/tables';
import { activeCampaignConstraint } from './campaign-store.ts';

export class DynamoSurveyStore implements SurveyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: (key: TableKey) => string,
  ) {}

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
    if (!guard?.startsAt) return { kindergartens: chosen };
    const campaign = {
      campaignId: guard.campaignId as string,
      year: guard.year as number,
      startsAt: guard.startsAt as string,
      endsAt: guard.endsAt as string,
      extensionYears: (guard.extensionYears as number | undefined) ?? 1,
    };
    const stored = guard.campaignId === candidateCampaignId ? Responses[answers]?.[0] : undefined;
    return {
      campaign,
      kindergartens: chosen,
      ...(stored && {
        previous: {
          answer: stored.answer as Record<string, unknown>,
          revision: stored.revision as number,
          submittedAt: stored.submittedAt as string,
          validUntil: stored.validUntil as string,
          version: stored.version as string,
        },
      }),
    };
  }

  async counters(campaignKey: string): Promise<Map<string, number>> {
    const counters = new Map<string, number>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ TableName: this.tableName('aggregates'), KeyConditionExpression: 'campaignKey = :k', ExpressionAttributeValues: { ':k': campaignKey }, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) counters.set(item.counter as string, item.count as number);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return counters;
  }
}
