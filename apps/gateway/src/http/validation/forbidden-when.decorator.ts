import { ValidationArguments, registerDecorator } from 'class-validator';

/** The property must be absent whenever `condition` holds for the object it sits in. */
export function ForbiddenWhen(condition: (object: object) => boolean, message: string) {
  return (target: object, propertyName: string): void =>
    registerDecorator({
      name: 'forbiddenWhen',
      target: target.constructor,
      propertyName,
      options: { message },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || !condition(args.object),
      },
    });
}
