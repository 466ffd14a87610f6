import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max } from 'class-validator';
import { REMEMBERED_QUERIES_PER_DTO, RememberingValidationPipe } from './remembering-validation.pipe';

class PageQuery {
  @IsUUID()
  environmentId: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString({ each: true })
  groups?: string[];
}

const query: ArgumentMetadata = { type: 'query', metatype: PageQuery, data: undefined };
const ENVIRONMENT = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function pipe() {
  return new RememberingValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
}

describe('RememberingValidationPipe', () => {
  it('answers a query it validated before with an equal DTO of its own', async () => {
    const validation = pipe();
    const first = (await validation.transform(
      { environmentId: ENVIRONMENT, limit: '20', groups: ['a'] },
      query,
    )) as PageQuery;
    const again = (await validation.transform(
      { environmentId: ENVIRONMENT, limit: '20', groups: ['a'] },
      query,
    )) as PageQuery;

    expect(again).toBeInstanceOf(PageQuery);
    expect(again).toEqual(first);
    expect(again.limit).toBe(20);
    first.groups!.push('changed by the first handler');
    first.limit = 99;
    const third = (await validation.transform(
      { environmentId: ENVIRONMENT, limit: '20', groups: ['a'] },
      query,
    )) as PageQuery;
    expect(third).toEqual({ environmentId: ENVIRONMENT, limit: 20, groups: ['a'] });
  });

  it('refuses a bad query every time it comes, remembering nothing of it', async () => {
    const validation = pipe();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(validation.transform({ environmentId: 'nope' }, query)).rejects.toBeInstanceOf(
        BadRequestException,
      );
      await expect(
        validation.transform({ environmentId: ENVIRONMENT, limit: '500' }, query),
      ).rejects.toBeInstanceOf(BadRequestException);
      await expect(
        validation.transform({ environmentId: ENVIRONMENT, extra: '1' }, query),
      ).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('keeps a bounded number of queries per DTO, and still answers the ones it forgot', async () => {
    const validation = pipe();
    for (let index = 0; index <= REMEMBERED_QUERIES_PER_DTO; index++)
      await validation.transform(
        { environmentId: ENVIRONMENT, limit: String(index % 100), groups: [String(index)] },
        query,
      );
    const remembered = (validation as unknown as { remembered: Map<unknown, Map<string, object>> })
      .remembered;
    expect(remembered.get(PageQuery)?.size).toBe(REMEMBERED_QUERIES_PER_DTO);
    await expect(
      validation.transform({ environmentId: ENVIRONMENT, limit: '0', groups: ['0'] }, query),
    ).resolves.toEqual({
      environmentId: ENVIRONMENT,
      limit: 0,
      groups: ['0'],
    });
  });

  it('validates bodies as Nest does, without remembering them', async () => {
    const validation = pipe();
    const body: ArgumentMetadata = { type: 'body', metatype: PageQuery, data: undefined };
    await validation.transform({ environmentId: ENVIRONMENT }, body);
    const remembered = (validation as unknown as { remembered: Map<unknown, unknown> }).remembered;
    expect(remembered.size).toBe(0);
  });
});
