import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. Never give it an event, a body, an IIN or a phone number: log codes, ids and
 * counts only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kezek' });
