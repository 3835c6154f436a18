import { IsIn, IsOptional } from 'class-validator';
import { PageLimitQueryDto } from '../http/page-limit.dto';

/** `?state=firing|resolved|all` (default all) and `?limit=` (1–100, default 50). */
export class ListAlertsQueryDto extends PageLimitQueryDto {
  @IsOptional()
  @IsIn(['firing', 'resolved', 'all'], { message: 'state must be firing, resolved or all' })
  readonly state?: 'firing' | 'resolved' | 'all';
}
