import { PageLimitQueryDto } from '../../http/page-limit.dto';

export class ListJobsQueryDto extends PageLimitQueryDto {}
