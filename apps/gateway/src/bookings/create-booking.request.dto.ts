import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { GROUP_KEY_PATTERN, PURPOSE_MAX_LENGTH } from '@envrefresh/kernel';
import { BOOKING_PRIORITIES, BookingPriority } from '@envrefresh/contracts';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** `POST /bookings`: a group's claim on an environment for `[start, end)`. */
export class CreateBookingRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  environmentId: string;

  @ApiProperty({ example: '2026-12-07T08:00:00+01:00' })
  @IsInstant()
  start: string;

  @ApiProperty({ example: '2026-12-11T18:00:00+01:00', description: 'Exclusive; after start' })
  @IsInstant()
  @IsAfter('start')
  end: string;

  @ApiProperty({
    example: 'payments-qa',
    description: 'One of your groups (JWT groups claim); admins may name any',
  })
  @Matches(GROUP_KEY_PATTERN, { message: '$property must be a group key' })
  group: string;

  @ApiProperty({ example: 'Release 4.2 regression testing', maxLength: PURPOSE_MAX_LENGTH })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(PURPOSE_MAX_LENGTH)
  purpose: string;

  @ApiProperty({
    enum: BOOKING_PRIORITIES,
    description: 'HIGH and CRITICAL bookings block overlapping refreshes; LOW and MEDIUM only warn',
  })
  @IsIn(BOOKING_PRIORITIES)
  priority: BookingPriority;
}
