/**
 * The education department this front end serves. A deployment serves one department (tenant),
 * so its id is a constant of the build; `temirtau` is the demo tenant of `npm start`.
 */
export const tenantId = 'temirtau';
