import type { Notifier } from '#ports/notifier';
import { overriding } from './decorate.ts';
import { logger } from './logger.ts';
import { metrics, MetricUnit } from './metrics.ts';

/**
 * The notifier with a log line and a count per SMS (`SmsSent`, `SmsFailed`): SMS cost money, and
 * login codes are most of them. The line says that one was sent, never to whom or what: the
 * text may hold a login code. The line's `route` (or `job`) key tells a login code from a notice.
 */
export function withMessageLog(notifier: Notifier): Notifier {
  return overriding(notifier, {
    async sendSms(...args: Parameters<Notifier['sendSms']>) {
      let sent: Awaited<ReturnType<Notifier['sendSms']>>;
      try {
        sent = await notifier.sendSms(...args);
      } catch (error) {
        metrics.addMetric('SmsFailed', MetricUnit.Count, 1);
        throw error;
      }
      metrics.addMetric('SmsSent', MetricUnit.Count, 1);
      logger.info('sms sent', { messageId: sent.messageId });
      return sent;
    },
  });
}
