import type { Actor, Application, HistoryEvent } from '#domain/application';
import { InvalidInputError, NotFoundError, PhoneChangedMeanwhileError } from '#domain/errors';
import type { Language } from '#domain/language';
import { notificationForPhoneChange } from '#domain/notification';
import { maskPhone } from '#domain/parent-phone';
import type { Dependencies } from '#ports/dependencies';
import { loadApplication } from './application-actions.ts';

/** The applicant's cabinet phone as staff see it. */
export interface ApplicantPhoneView {
  readonly masked: string;
  readonly version: number;
}

/**
 * The two SMS of a change. The parent's language is not on file: the application's language of
 * instruction (kk or ru) is the one they chose for their child, so it is the one they are written
 * in; `en` is here for the day a parent can choose it.
 */
const phoneChangeSms: Record<Language, { readonly toOld: (masked: string) => string; readonly toNew: string }> = {
  kk: {
    toOld: (masked) => `kezek: білім бөлімі кабинетіңіздің телефонын ${masked} нөміріне ауыстырды. Бұл сіз болмасаңыз, білім бөліміне хабарласыңыз.`,
    toNew: 'kezek: бұл нөмір енді kezek кабинетіңіздің телефоны. Кіру кодтары осы нөмірге келеді.',
  },
  ru: {
    toOld: (masked) => `kezek: отдел образования сменил телефон вашего кабинета на ${masked}. Если вы об этом не просили, обратитесь в отдел образования.`,
    toNew: 'kezek: этот номер теперь телефон вашего кабинета kezek. Коды входа будут приходить на него.',
  },
  en: {
    toOld: (masked) => `kezek: the education department changed the phone of your cabinet to ${masked}. If you did not ask for this, contact the department.`,
    toNew: 'kezek: this number is now the phone of your kezek cabinet. Login codes will come here.',
  },
};

/** The applicant's phone on file for the application page (undefined: no cabinet yet). */
export async function applicantPhoneOf(deps: Pick<Dependencies, 'accounts'>, application: Application): Promise<ApplicantPhoneView | undefined> {
  return (await applicantOnFile(deps, application))?.phone;
}

/**
 * The applicant as their cabinet has them, for the application page of the roles that call the
 * parent back (the route table gives it to administrators and operators; the view is audited):
 * their name and phone in full, and the phone masked with its version for the change form.
 * One read of the account.
 */
export async function applicantOnFile(
  deps: Pick<Dependencies, 'accounts'>,
  application: Application,
): Promise<{ phone: ApplicantPhoneView; contact: { name: string; phone: string } } | undefined> {
  const account = await deps.accounts.getParent(application.applicantIin);
  return account && { phone: { masked: maskPhone(account.phone), version: account.phoneVersion ?? 0 }, contact: { name: account.displayName, phone: account.phone } };
}

/**
 * Staff replace the phone of a parent's cabinet, acting through an application of their own
 * tenant (a parent without one there is "not found" to them). The write is conditional on the
 * phone and version the page showed; it leaves a history event on the application (who, when,
 * the new version: no IIN, no number), a cabinet notice, and removes a login code still pending.
 * Then both numbers get an SMS: the old one so a parent whose number was changed behind their
 * back learns it, the new one so they know codes come there now. Sessions open stay open: they
 * belong to the IIN, not to the phone, and last at most 12 hours (see docs/DECISIONS.md).
 */
export async function changeApplicantPhone(
  deps: Pick<Dependencies, 'applications' | 'accounts' | 'auth' | 'notifier' | 'notifications' | 'unitOfWork'>,
  input: { applicationId: string; tenantId: string; phone: string; expectedVersion: number; actor: Actor; now: Date },
): Promise<{ application: Application; applicantPhone: ApplicantPhoneView }> {
  const application = await loadApplication(deps, input.applicationId, { tenantId: input.tenantId });
  const account = await deps.accounts.getParent(application.applicantIin);
  if (!account) throw new NotFoundError('the applicant has no cabinet');
  const version = account.phoneVersion ?? 0;
  if (version !== input.expectedVersion) throw new PhoneChangedMeanwhileError(`version ${version}, expected ${input.expectedVersion}`);
  if (account.phone === input.phone) throw new InvalidInputError([{ path: 'phone', key: 'phone_unchanged' }]);

  const at = input.now.toISOString();
  const event: HistoryEvent = { at, actor: input.actor, action: 'change_applicant_phone', to: application.status, details: { phoneVersion: version + 1 } };
  const notification = notificationForPhoneChange(application, at);
  // All or nothing: the phone (only while it is still the one read), the history event, the notice, and a login code still pending removed (it went to the old phone).
  await deps.unitOfWork.commit([
    deps.accounts.phoneChange(application.applicantIin, { phone: account.phone, version }, input.phone),
    deps.applications.historyEvent(application, event),
    deps.notifications.notice(notification),
    deps.auth.loginCodeRemoval(application.applicantIin),
  ]);
  const updated: Application = { ...application, history: [...(application.history ?? []), event] };

  const texts = phoneChangeSms[application.language];
  const sent = await Promise.allSettled([
    deps.notifier.sendSms({ phone: account.phone, text: texts.toOld(maskPhone(input.phone)) }),
    deps.notifier.sendSms({ phone: input.phone, text: texts.toNew }),
  ]);
  // The change stands whatever the SMS did; the notice tells whether they went.
  await deps.notifications.setChannelStatus(notification, 'sms', sent.every((result) => result.status === 'fulfilled') ? 'sent' : 'failed');
  return { application: updated, applicantPhone: { masked: maskPhone(input.phone), version: version + 1 } };
}
