import { BadRequestException, ValidationError } from '@nestjs/common';

/** class-validator's nested errors as flat `{ field, message }` pairs with dotted paths. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^\S+ /, ''),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldErrors: { field: string; message: string }[]) {
    super('The request body is invalid');
  }
}

export function validationExceptionFactory(errors: ValidationError[]): RequestValidationException {
  return new RequestValidationException(flattenValidationErrors(errors));
}
