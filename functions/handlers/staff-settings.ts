import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffSettingsRoute } from '#http/routes';
import { settingsChoices, settingsView } from '#http/settings-view';
import { settingsFor } from '#use-cases/settings';

export const handler = httpHandler(staffSettingsRoute, async ({ identity }) => ({
  body: { settings: settingsView(await settingsFor(dependencies(), staffTenant(identity))), choices: settingsChoices() },
}));
