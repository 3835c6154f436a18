import { Body, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AdminGuard } from '../../auth/admin.guard';
import { AllowCustomer } from '../../auth/allow-customer.decorator';
import type { ApiRequest } from '../../http/api-request';
import { StaffController } from '../../http/guarded-controller.decorator';
import { nextAfter } from '../../http/keyset-page';
import { directoryNotFound } from '../directory-not-found';
import { CatalogAdmin, type RemovalOutcome } from './catalog-admin.service';
import type { CatalogEntry } from './catalog-entry';
import { CatalogQuery } from './catalog.query';
import { CatalogListQueryDto, CreateDirectoryDto, UpdateDirectoryDto } from './catalog.request.dto';
import { DirectoryIdPipe } from './directory-id.pipe';

const DEFAULT_LIMIT = 50;

export interface CatalogPage {
  readonly directories: CatalogEntry[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

/**
 * The directory catalog: customers and staff read it (customers only its active directories);
 * admins add, edit and remove directories.
 */
@StaffController('directories')
export class CatalogController {
  constructor(
    @Inject(CatalogQuery) private readonly catalog: CatalogQuery,
    @Inject(CatalogAdmin) private readonly admin: CatalogAdmin,
  ) {}

  @Get()
  @AllowCustomer()
  async list(@Query() query: CatalogListQueryDto, @Req() request: ApiRequest): Promise<CatalogPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filter = {
      category: query.category ?? null,
      difficulty: query.difficulty ?? null,
      requiresLogin: query.requiresLogin ?? null,
      hasCaptcha: query.hasCaptcha ?? null,
      active: query.active ?? null,
      activeOnly: isCustomer(request),
    };
    const directories = await this.catalog.list(filter, limit, query.after ?? null);
    return { directories, next: nextAfter(directories, limit, (directory) => directory.id) };
  }

  @Get(':id')
  @AllowCustomer()
  async get(@Param('id', DirectoryIdPipe) id: string, @Req() request: ApiRequest): Promise<CatalogEntry> {
    return this.one(id, isCustomer(request));
  }

  @Post()
  @UseGuards(AdminGuard)
  async create(@Body() body: CreateDirectoryDto, @Res({ passthrough: true }) response: ServerResponse): Promise<CatalogEntry> {
    await this.admin.create(body);
    response.setHeader('Location', `/api/directories/${encodeURIComponent(body.id)}`);
    return this.one(body.id, false);
  }

  @Patch(':id')
  @UseGuards(AdminGuard)
  async update(@Param('id', DirectoryIdPipe) id: string, @Body() body: UpdateDirectoryDto): Promise<CatalogEntry> {
    await this.admin.update(id, body);
    return this.one(id, false);
  }

  /** 200 with what happened: `deleted`, or `deactivated` when jobs still refer to the directory. */
  @Delete(':id')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  async remove(@Param('id', DirectoryIdPipe) id: string): Promise<{ id: string; outcome: RemovalOutcome }> {
    return { id, outcome: await this.admin.remove(id) };
  }

  private async one(id: string, activeOnly: boolean): Promise<CatalogEntry> {
    const entry = await this.catalog.get(id, activeOnly);
    if (!entry) throw directoryNotFound(id);
    return entry;
  }
}

function isCustomer(request: ApiRequest): boolean {
  return request.principal?.kind === 'customer';
}
