import { Module } from '@nestjs/common';
import { BookingCatalogRpcController } from './interface/booking-catalog.rpc-controller';
import { IdempotencyModule } from '@envrefresh/application';
import { BookingQueries } from './application/booking-queries.service';
import { BOOKING_ENVIRONMENTS } from './application/booking-environments.port';
import { BOOKING_REPOSITORY } from './application/booking.repository.port';
import { CancelBookingUseCase } from './application/cancel-booking.use-case';
import { CreateBookingUseCase } from './application/create-booking.use-case';
import { SqlBookingEnvironments } from './infrastructure/sql-booking-environments';
import { SqlBookingRepository } from './infrastructure/sql-booking.repository';
import { BookingsRpcController } from './interface/bookings.rpc-controller';

/** Bookings: a group's claim on an environment for a while, which refreshes must respect. */
@Module({
  imports: [IdempotencyModule.forSchema('conflicts')],
  controllers: [BookingsRpcController, BookingCatalogRpcController],
  providers: [
    CreateBookingUseCase,
    CancelBookingUseCase,
    BookingQueries,
    { provide: BOOKING_REPOSITORY, useClass: SqlBookingRepository },
    { provide: BOOKING_ENVIRONMENTS, useClass: SqlBookingEnvironments },
  ],
})
export class BookingsModule {}
