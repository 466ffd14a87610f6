import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { BOOKING_PRIORITIES, BookingPriority } from '@envrefresh/contracts';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { GROUP_KEY } from '../http/validation/patterns';
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
  @Matches(GROUP_KEY, { message: '$property must be a group key' })
  group: string;

  @ApiProperty({ example: 'Release 4.2 regression testing', maxLength: 500 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  purpose: string;

  @ApiProperty({
    enum: BOOKING_PRIORITIES,
    description: 'HIGH and CRITICAL bookings block overlapping refreshes; LOW and MEDIUM only warn',
  })
  @IsIn(BOOKING_PRIORITIES)
  priority: BookingPriority;
}
