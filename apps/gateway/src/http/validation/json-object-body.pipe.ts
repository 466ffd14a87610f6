import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '../validation-errors';

/**
 * A request body, when there is one, must be a JSON object: the validator would read `null`, an
 * array or a bare number as an empty object and let the request through as if nothing were wrong.
 */
@Injectable()
export class JsonObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || value === undefined) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new RequestValidationException([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return value;
  }
}
