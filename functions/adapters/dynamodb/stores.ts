import { registerStores, tableName } from '../dependencies-core.ts';
import { withTransitionLog } from '../transition-log.ts';
import { dynamoDocumentClient, resetDynamoDocumentClient } from './client.ts';
import { DynamoApplicationStore } from './application-store.ts';
import { DynamoKindergartenStore } from './kindergarten-store.ts';
import { DynamoAccountStore } from './account-store.ts';
import { DynamoAuthStore } from './auth-store.ts';
import { DynamoTenantStore } from './tenant-store.ts';
import { DynamoDepartmentStore } from './department-store.ts';
import { DynamoStaffStore } from './staff-store.ts';
import { DynamoCampaignStore } from './campaign-store.ts';
import { DynamoNotificationStore } from './notification-store.ts';
import { DynamoSurveyStore } from './survey-store.ts';
import { DynamoExportStore } from './export-store.ts';
import { DynamoAuditStore } from './audit-store.ts';
import { DynamoUnitOfWork } from './unit-of-work.ts';

/**
 * The stores over DynamoDB, each made on its first use with the function's one document client
 * and the table names of its grants. Imported for its effect by `#adapters/dependencies`.
 */
registerStores(
  {
    tenants: () => new DynamoTenantStore(dynamoDocumentClient(), tableName('tenants')),
    departments: () => new DynamoDepartmentStore(dynamoDocumentClient(), tableName),
    staff: () => new DynamoStaffStore(dynamoDocumentClient(), tableName),
    applications: () => withTransitionLog(new DynamoApplicationStore(dynamoDocumentClient(), tableName)),
    kindergartens: () => new DynamoKindergartenStore(dynamoDocumentClient(), tableName('kindergartens')),
    accounts: () => new DynamoAccountStore(dynamoDocumentClient(), tableName('accounts')),
    notifications: () => new DynamoNotificationStore(dynamoDocumentClient(), tableName('notifications')),
    surveys: () => new DynamoSurveyStore(dynamoDocumentClient(), tableName),
    unitOfWork: () => new DynamoUnitOfWork(dynamoDocumentClient()),
    campaigns: () => new DynamoCampaignStore(dynamoDocumentClient(), tableName),
    exports: () => new DynamoExportStore(dynamoDocumentClient(), tableName('exports')),
    audit: () => new DynamoAuditStore(dynamoDocumentClient(), tableName('audit')),
    auth: () => new DynamoAuthStore(dynamoDocumentClient(), tableName('auth')),
  },
  resetDynamoDocumentClient,
);
