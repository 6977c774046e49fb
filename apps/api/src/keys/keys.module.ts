import { Module } from '@nestjs/common';
import { SigningKeys } from './signing-keys';

@Module({
  providers: [SigningKeys],
  exports: [SigningKeys],
})
export class KeysModule {}
