/** Account ids are the keys login looks up, so a login is one read. */
export const parentAccountId = (iin: string) => `parent#${iin}`;
export const staffAccountId = (login: string) => `staff#${login.trim().toLowerCase()}`;
