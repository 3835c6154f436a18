import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { headerValue, type ApiRequest } from '../../http/api-request';
import { commandContextOf } from '../../http/command-context.decorator';
import { etagOf, parseIfMatch } from '../../http/if-match';
import type { CommandContext } from '../../shared/command-context';
import { PROFILE_FIELDS, type BusinessProfile } from '../customer.events';
import { emptyProfile } from '../customer.state';
import type { CustomerView } from '../customer-view';
import type { NewProfileDto, ProfileChangesDto } from './customer.request.dto';

/** What a change to a customer takes besides its body: who asks, and the version seen (If-Match). */
export interface CustomerChangeRequest {
  /** Undefined when If-Match was not sent (allowed where the route says so). */
  readonly expectedVersion: number | undefined;
  readonly context: CommandContext;
  readonly response: ServerResponse;
}

function changeRequest(context: ExecutionContext, ifMatchRequired: boolean): CustomerChangeRequest {
  const http = context.switchToHttp();
  const request = http.getRequest<ApiRequest>();
  const header = headerValue(request, 'if-match');
  const expectedVersion = ifMatchRequired || header !== undefined ? parseIfMatch(header) : undefined;
  return { expectedVersion, context: commandContextOf(request), response: http.getResponse<ServerResponse>() };
}

/** An edit of the profile: If-Match is required (428 without it). */
export const CustomerEdit = createParamDecorator((_: unknown, context: ExecutionContext) => changeRequest(context, true));
/** A lifecycle change (package, deactivation, erasure): If-Match is checked when sent. */
export const CustomerChange = createParamDecorator((_: unknown, context: ExecutionContext) => changeRequest(context, false));

export function withCustomerEtag(response: ServerResponse, view: CustomerView): CustomerView {
  response.setHeader('ETag', etagOf(view.version));
  return view;
}

export function changesOf(dto: ProfileChangesDto): Partial<BusinessProfile> {
  const given = PROFILE_FIELDS.filter((field) => dto[field] !== undefined);
  return Object.fromEntries(given.map((field) => [field, dto[field]]));
}

/** What the new customer left out is empty; the country defaults to US, as for rows without one. */
export function newProfileOf(dto: NewProfileDto): BusinessProfile {
  return { ...emptyProfile(), country: 'US', ...changesOf(dto), businessName: dto.businessName, email: dto.email };
}
