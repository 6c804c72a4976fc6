import { Controller, Get, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { KeyHolders } from '../../access/access.decorator.js';
import type { Caller } from '../../access/key-ring.js';
import { ApiSuccess, ApiSummary } from '../../openapi/operations.js';
import type { Caller as CallerView } from '../../openapi/schemas/index.js';

/** Who the caller's key is: what a client (the console) shows and decides its screens by. */
@KeyHolders()
@ApiTags('access')
@Controller('v1/me')
export class CallerController {
  @Get()
  @ApiSummary(
    "Who the request's API key belongs to: its id, its role and, for an officer, the BINs it lists",
    'Any key may ask about itself; nothing about other keys is ever answered.',
  )
  @ApiSuccess('Caller', { description: 'The key behind the request' })
  me(@Req() request: { principal?: Caller }): CallerView {
    const caller = request.principal;
    if (caller === undefined) throw new Error('No caller on the request: is the access guard installed?');
    return {
      id: caller.id,
      role: caller.role,
      // only an officer's key is scoped; any other role's bins mean nothing, and are never listed
      bins: caller.role === 'officer' ? [...caller.bins].sort() : [],
    };
  }
}
