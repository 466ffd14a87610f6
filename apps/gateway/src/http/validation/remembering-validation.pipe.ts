import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';

/** Distinct valid query strings remembered per query DTO class, oldest forgotten first. */
export const REMEMBERED_QUERIES_PER_DTO = 500;

/**
 * Nest's ValidationPipe, remembering what it made of a query string it has validated before.
 * Validation is a pure function of the input (no query DTO reads the clock or the caller), and the
 * GETs people and pipelines poll (`/freeze?environmentId=…`, a page of intents) ask the same
 * query again and again, where class-transformer and class-validator were a tenth of the answer.
 * Only outcomes that passed are remembered; a bad query is validated, and refused, every time.
 * Each caller gets its own copy of the DTO (query DTOs are flat: arrays and dates are copied).
 */
export class RememberingValidationPipe extends ValidationPipe {
  private readonly remembered = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'query' || !this.toValidate(metadata) || !isRecord(value))
      return super.transform(value, metadata);
    const key = JSON.stringify(value);
    const ofDto = this.rememberedOf(metadata.metatype);
    const known = ofDto.get(key);
    if (known !== undefined) return copyOf(known);
    const result: unknown = await super.transform(value, metadata);
    if (isRecord(result)) {
      if (ofDto.size >= REMEMBERED_QUERIES_PER_DTO) ofDto.delete(ofDto.keys().next().value as string);
      ofDto.set(key, copyOf(result));
    }
    return result;
  }

  private rememberedOf(dto: unknown): Map<string, object> {
    let ofDto = this.remembered.get(dto);
    if (!ofDto) this.remembered.set(dto, (ofDto = new Map()));
    return ofDto;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copyOf<T extends object>(dto: T): T {
  const copy = Object.create(Object.getPrototypeOf(dto) as object | null) as Record<string, unknown>;
  for (const [name, field] of Object.entries(dto)) {
    copy[name] = Array.isArray(field)
      ? [...field]
      : field instanceof Date
        ? new Date(field.getTime())
        : field;
  }
  return copy as T;
}
