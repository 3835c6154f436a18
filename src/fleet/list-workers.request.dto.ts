import { IsIn, IsOptional } from 'class-validator';

/** `?includeStopped=true` adds processes that shut down cleanly; they are left out by default. */
export class ListWorkersQueryDto {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeStopped must be true or false' })
  readonly includeStopped?: 'true' | 'false';
}
