import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CLOCK, SystemClock } from '@permanentie/domain';
import { AuthGuard } from './auth/auth.guard';

/** Clock and the global auth guard. Tests override CLOCK with a FixedClock. */
@Global()
@Module({
  providers: [
    { provide: CLOCK, useClass: SystemClock },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [CLOCK],
})
export class PlatformModule {}
