import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { GROUP_KEY_PATTERN } from '@envrefresh/kernel';
import { ROLES, Role } from '@envrefresh/auth';
import { Optional } from '../http/validation/optional.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** `POST /web/dev-sign-in`: who the development token speaks for (development only). */
export class DevSignInRequestDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, { message: 'sub must be letters, digits and . _ @ -' })
  sub: string;

  @Optional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Optional()
  @IsEmail()
  email?: string;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @Matches(GROUP_KEY_PATTERN, { each: true, message: 'each of $property must be a group key' })
  groups: string[];
}
