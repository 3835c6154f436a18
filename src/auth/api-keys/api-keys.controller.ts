import { BadRequestException, Body, Delete, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { RequestCommandContext } from '../../http/command-context.decorator';
import type { CommandContext } from '../../shared/command-context';
import type { ApiKeyView, IssuedApiKey } from './api-key-view';
import { CreateApiKeyDto, RotateApiKeyDto } from './api-keys.request.dto';
import { ApiKeys, type RotatedApiKey } from './api-keys.service';
import { AdminController } from '../../http/guarded-controller.decorator';

const KEY_ID = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ error: 'invalid_api_key_id', message: 'An API key id is a UUID' }),
});

/** API keys for integrations (docs/requirements.md R-AUTH-5, R-AUTH-6). The key itself appears only in the 201 that issues it. */
@AdminController('admin/api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeys) private readonly apiKeys: ApiKeys) {}

  @Post()
  create(@Body() body: CreateApiKeyDto, @RequestCommandContext() context: CommandContext): Promise<IssuedApiKey> {
    return this.apiKeys.create({ name: body.name, scopes: body.scopes, expiresAt: optionalDate(body.expiresAt) }, context.actor);
  }

  @Get()
  async list(): Promise<{ apiKeys: ApiKeyView[] }> {
    return { apiKeys: await this.apiKeys.list() };
  }

  @Post(':id/rotate')
  rotate(
    @Param('id', KEY_ID) id: string,
    @Body() body: RotateApiKeyDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<RotatedApiKey> {
    return this.apiKeys.rotate(id, context.actor, optionalDate(body.expiresAt));
  }

  @Delete(':id')
  revoke(@Param('id', KEY_ID) id: string, @RequestCommandContext() context: CommandContext): Promise<ApiKeyView> {
    return this.apiKeys.revoke(id, context.actor);
  }
}

function optionalDate(value: string | undefined): Date | null {
  return value === undefined ? null : new Date(value);
}
