import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffSaveSettingsRoute } from '#http/routes';
import { settingsChoices, settingsView } from '#http/settings-view';
import { saveSettings } from '#use-cases/settings';

export const handler = httpHandler(staffSaveSettingsRoute, async ({ body, identity }) => {
  const { version, ...change } = body;
  const settings = await saveSettings(dependencies(), { tenantId: staffTenant(identity), accountId: identity.accountId, version, change });
  return { body: { settings: settingsView(settings), choices: settingsChoices() } };
});
