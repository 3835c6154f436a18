import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '../../shared/clock';
import { ApiKeyVerifier } from './api-key-verifier.service';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeys } from './api-keys.service';

/** API keys stored as hashes: admin operations, the import, and the request-time check. Tests override CLOCK. */
@Module({
  providers: [ApiKeysRepository, ApiKeys, ApiKeyVerifier, { provide: CLOCK, useValue: systemClock }],
  exports: [ApiKeys, ApiKeyVerifier, CLOCK],
})
export class ApiKeysModule {}
