import { ValidateIf } from 'class-validator';

/**
 * The property may be left out; unlike class-validator's IsOptional, `null` is not "left out" but
 * a value that must pass the property's rules, so no null slips through to a service.
 */
export const Optional = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
