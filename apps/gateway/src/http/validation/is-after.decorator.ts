import { ValidationArguments, registerDecorator } from 'class-validator';
import { isInstant } from './is-instant.decorator';

/**
 * The instant must come strictly after the instant in `earlier`, a sibling property: windows are
 * half-open `[start, end)`, so an end equal to the start is an empty window. When either side is
 * not a valid instant its own rule reports it, so this one stays silent rather than guess.
 */
export function IsAfter(earlier: string) {
  return (target: object, propertyName: string): void =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName,
      constraints: [earlier],
      options: { message: `$property must be after ${earlier}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[earlier];
          if (!isInstant(value) || !isInstant(other)) return true;
          return Date.parse(value) > Date.parse(other);
        },
      },
    });
}
