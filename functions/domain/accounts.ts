/** Account ids are the keys login looks up, so a login is one read. */
export const parentAccountId = (iin: string) => `parent#${iin}`;
export const staffAccountId = (login: string) => `staff#${login.trim().toLowerCase()}`;
/** The login a staff account id was made from (`staffAccountId`'s inverse). */
export const staffLoginOf = (accountId: string) => accountId.slice('staff#'.length);
