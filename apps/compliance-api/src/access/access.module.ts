import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { AccessGuard } from './access.guard.js';
import { KeyRing } from './key-ring.js';

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
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [KeyRing],
})
export class AccessModule {}
