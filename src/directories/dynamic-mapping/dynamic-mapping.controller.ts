import { BadRequestException, Body, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { StaffOrApiKeyController } from '../../http/guarded-controller.decorator';
import { nextAfter } from '../../http/keyset-page';
import { InvalidDirectoryEntriesError } from '../directory-entries.validation';
import { DirectoryImport, type ImportCounts } from '../directory-import';
import { DirectoryMappingsRepository, type DirectoryMappingView } from '../directory-mappings.repository';
import { directoryNotFound } from '../directory-not-found';
import { DynamicMappingQueryDto } from './dynamic-mapping.request.dto';
import { parseDynamicMappingBody, DYNAMIC_MAPPING_BODY_SHAPES, type DynamicMappingRequest } from './dynamic-mapping-body';

const DEFAULT_LIMIT = 50;

export interface MappingPage {
  readonly directories: DirectoryMappingView[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

/** Form mappings (docs/requirements.md R-API-7): read one or a page; import the seed's JSON or set one curated mapping. */
@StaffOrApiKeyController('autobolt/dynamic-mapping', 'autobolt')
export class DynamicMappingController {
  constructor(
    @Inject(DirectoryMappingsRepository) private readonly mappings: DirectoryMappingsRepository,
    @Inject(DirectoryImport) private readonly importer: DirectoryImport,
  ) {}

  @Get()
  async read(@Query() query: DynamicMappingQueryDto): Promise<DirectoryMappingView | MappingPage> {
    if (query.directoryId !== undefined) return this.one(query.directoryId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const directories = await this.mappings.list(limit, query.after ?? null);
    return { directories, next: nextAfter(directories, limit, (directory) => directory.directoryId) };
  }

  /** The body is checked by hand: its three shapes are more than a DTO says well (see parseDynamicMappingBody). */
  @Post()
  @HttpCode(200)
  @ApiBody({ description: `One of: ${DYNAMIC_MAPPING_BODY_SHAPES}`, schema: { type: 'object', additionalProperties: true } })
  async write(@Body() body: unknown): Promise<ImportCounts | DirectoryMappingView> {
    const request = validated(body);
    if (request.kind === 'import') return this.importer.upsert(request.entries);
    if (!(await this.importer.setCuratedMapping(request.directoryId, request.formMapping))) throw directoryNotFound(request.directoryId);
    return this.one(request.directoryId);
  }

  private async one(directoryId: string): Promise<DirectoryMappingView> {
    const view = await this.mappings.get(directoryId);
    if (!view) throw directoryNotFound(directoryId);
    return view;
  }
}

function validated(body: unknown): DynamicMappingRequest {
  try {
    return parseDynamicMappingBody(body);
  } catch (error) {
    if (!(error instanceof InvalidDirectoryEntriesError)) throw error;
    throw new BadRequestException({ error: 'validation_failed', message: error.message, problems: error.problems });
  }
}
