import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Application } from '#domain/application';
import type { ApplicationStore } from '#ports/stores';
import { tables } from '#functions/tables';

const byApplicant = tables.applications.indexes[0];

export class DynamoApplicationStore implements ApplicationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listByApplicant(applicantIin: string): Promise<Application[]> {
    const applications: Application[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: byApplicant.indexName,
          KeyConditionExpression: '#applicant = :iin',
          ExpressionAttributeNames: { '#applicant': byApplicant.partitionKey.name },
          ExpressionAttributeValues: { ':iin': applicantIin },
          ExclusiveStartKey: startKey,
        }),
      );
      applications.push(...((page.Items ?? []) as Application[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return applications;
  }
}
