import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { AccessGuard } from './access.guard.js';
import { KeyRing } from './key-ring.js';
import { PublicRegister } from './public-register.js';

/** API keys, roles and entity scopes, checked on every request (docs/SECURITY.md). */
@Global()
@Module({
  providers: [
    {
      provide: KeyRing,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.apiKeys === undefined ? KeyRing.forDevelopment(new Logger('Access')) : new KeyRing(config.apiKeys),
    },
    {
      provide: PublicRegister,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PublicRegister(config.publicRegister),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [KeyRing, PublicRegister],
})
export class AccessModule {}
